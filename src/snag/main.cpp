#include <snag/cli/commands.hpp>

int main(int argc, char** argv) { return snag::run_cli(argc, argv); }
