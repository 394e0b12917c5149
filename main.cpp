// mail_mcp: an MCP server for IMAP/SMTP mailboxes, with its own OAuth 2.1 authorization server.
//
// One binary, a few commands; each command lives in src/cli/ and returns its exit status.
#include <cstring>
#include <iostream>
#include <string>
#include <vector>

#include "cli/generate_command.h"
#include "cli/server_command.h"
#include "config/config.h"
#include "version.h"

namespace {

const char kUsage[] =
    "Usage: mail_mcp COMMAND [options]\n"
    "\n"
    "An MCP server that gives AI assistants safe access to an IMAP/SMTP mailbox.\n"
    "\n"
    "Commands:\n"
    "  server      serve OAuth 2.1 and the MCP endpoint over HTTP (config from the environment / .env)\n"
    "  generate    provision an OAuth client for one IMAP/SMTP provider (see: mail_mcp generate --help)\n"
    "  key         print a fresh ENCRYPTION_KEY\n"
    "\n"
    "Options:\n"
    "  -h, --help     show this help\n"
    "  --version      print the version\n";

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  if (args.empty()) {
    std::cerr << kUsage;
    return 2;
  }
  const std::string command = args[0];
  std::vector<std::string> rest(args.begin() + 1, args.end());
  if (command == "-h" || command == "--help" || command == "help") {
    std::cout << kUsage;
    return 0;
  }
  if (command == "--version" || command == "version") {
    std::cout << "mail_mcp " << MAIL_MCP_VERSION << "\n";
    return 0;
  }
  if (command == "generate") return mail_mcp::RunGenerateCommand(rest);
  if (command == "server") return mail_mcp::RunServerCommand(rest);
  if (command == "key") {
    if (!rest.empty()) {
      std::cerr << "mail_mcp key: takes no arguments\n";
      return 2;
    }
    std::cout << mail_mcp::GenerateEncryptionKey() << "\n";
    return 0;
  }
  std::cerr << "mail_mcp: unknown command '" << command << "'\n\n" << kUsage;
  return 2;
}
