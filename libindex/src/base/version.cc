#include "kb/version.h"

namespace kb {

const char* version() { return KB_VERSION_STRING; }

}  // namespace kb
