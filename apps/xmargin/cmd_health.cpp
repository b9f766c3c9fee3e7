// xmargin health: not built yet; see the open issues. Exits 2 so scripts cannot mistake it for success.
#include "commands.hpp"

namespace xm::cli {

int cmd_health(const Args&) { throw UsageError("'health' is not implemented in this version"); }

}  // namespace xm::cli
