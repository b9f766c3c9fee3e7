// xmargin oracle: not built yet; see the open issues. Exits 2 so scripts cannot mistake it for success.
#include "commands.hpp"

namespace xm::cli {

int cmd_oracle(const Args&) { throw UsageError("'oracle' is not implemented in this version"); }

}  // namespace xm::cli
