// A main() for fuzz targets built without libFuzzer: runs LLVMFuzzerTestOneInput once
// on every file given on the command line (directories are walked recursively, in
// sorted order). This turns each fuzz corpus into a regression test that runs in every
// build, sanitized or not (see test/fuzzing/CMakeLists.txt).
//
// Distributed under the Boost Software License, Version 1.0.

#include <algorithm>
#include <csignal>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include <unistd.h>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);
extern "C" __attribute__((weak)) int LLVMFuzzerInitialize(int* argc, char*** argv);

namespace {

// The input being replayed, named on stderr if the target aborts or crashes on it.
const char* current_input = "<empty input>";

extern "C" void report_current_input(int sig)
{
    const char prefix[] = "\nfuzz replay: crashed on input: ";
    (void)!::write(STDERR_FILENO, prefix, sizeof prefix - 1);
    (void)!::write(STDERR_FILENO, current_input, std::char_traits<char>::length(current_input));
    (void)!::write(STDERR_FILENO, "\n", 1);
    std::signal(sig, SIG_DFL);
    std::raise(sig);
}

void collect(const std::filesystem::path& path, std::vector<std::filesystem::path>& out) {
    if (std::filesystem::is_directory(path)) {
        for (const auto& entry : std::filesystem::recursive_directory_iterator(path)) {
            if (entry.is_regular_file()) {
                out.push_back(entry.path());
            }
        }
    } else {
        out.push_back(path);
    }
}

} // namespace

int main(int argc, char** argv) {
    if (LLVMFuzzerInitialize != nullptr) {
        LLVMFuzzerInitialize(&argc, &argv);
    }
    std::vector<std::filesystem::path> inputs;
    for (int i = 1; i < argc; ++i) {
        if (argv[i][0] == '-') {
            continue; // libFuzzer-style flags are accepted and ignored
        }
        collect(argv[i], inputs);
    }
    std::sort(inputs.begin(), inputs.end());
    for (int sig : {SIGABRT, SIGSEGV, SIGBUS, SIGFPE, SIGILL})
        std::signal(sig, report_current_input);

    // The empty input first: every target must survive it.
    LLVMFuzzerTestOneInput(nullptr, 0);
    for (const auto& input : inputs) {
        current_input = input.c_str();
        std::ifstream file(input, std::ios::binary);
        if (!file) {
            std::fprintf(stderr, "cannot read %s\n", input.c_str());
            return 1;
        }
        std::vector<std::uint8_t> data((std::istreambuf_iterator<char>(file)), std::istreambuf_iterator<char>());
        LLVMFuzzerTestOneInput(data.data(), data.size());
    }
    std::printf("replayed %zu inputs (+ the empty input)\n", inputs.size());
    return 0;
}
