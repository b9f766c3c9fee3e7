// xmargin keeper: not built yet; see the open issues. Exits 2 so scripts cannot mistake it for success.
#include "commands.hpp"

namespace xm::cli {

int cmd_keeper(const Args&) { throw UsageError("'keeper' is not implemented in this version"); }

}  // namespace xm::cli
