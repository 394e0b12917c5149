#include "cli/server_command.h"

#include <iostream>

namespace mail_mcp {

int RunServerCommand(const std::vector<std::string>&) {
  std::cerr << "mail_mcp server: not available in this build yet (the HTTP server is being built; "
               "`mail_mcp generate` works)\n";
  return 1;
}

}  // namespace mail_mcp
