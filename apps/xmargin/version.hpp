#pragma once
namespace xm {
inline constexpr const char* kVersion = XM_VERSION;
}
