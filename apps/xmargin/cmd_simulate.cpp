// xmargin simulate: not built yet; see the open issues. Exits 2 so scripts cannot mistake it for success.
#include "commands.hpp"

namespace xm::cli {

int cmd_simulate(const Args&) { throw UsageError("'simulate' is not implemented in this version"); }

}  // namespace xm::cli
