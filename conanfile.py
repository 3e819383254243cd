# Conan 2 recipe of easynet: `conan create .` builds and packages the library from this
# checkout; consumers then use find_package(easynet CONFIG) / easynet::easynet.
# Not tested here: Conan is not available on the project's machines.

from conan import ConanFile
from conan.tools.build import check_min_cppstd
from conan.tools.cmake import CMake, CMakeDeps, CMakeToolchain, cmake_layout
from conan.tools.files import copy
import os


class EasynetConan(ConanFile):
    name = "easynet"
    version = "0.1.0"
    description = "C++20 networking toolkit on Boost (a port of Python EasyNetwork)"
    license = "BSL-1.0"
    topics = ("networking", "asio", "coroutines", "tls", "serialization")
    package_type = "library"
    settings = "os", "arch", "compiler", "build_type"
    options = {
        "shared": [True, False],
        "fPIC": [True, False],
        "default_stack_size": ["ANY"],
    }
    default_options = {
        "shared": False,
        "fPIC": True,
        "default_stack_size": "262144",
    }
    exports_sources = (
        "CMakeLists.txt",
        "cmake/*",
        "include/*",
        "libs/*",
        "LICENSE",
    )

    def config_options(self):
        if self.settings.os == "Windows":
            del self.options.fPIC

    def configure(self):
        if self.options.shared:
            self.options.rm_safe("fPIC")

    def layout(self):
        cmake_layout(self)

    def requirements(self):
        # Headers of Boost, OpenSSL, zlib, bzip2 and libcbor are used by easynet's public headers.
        self.requires("boost/1.81.0", transitive_headers=True)
        self.requires("openssl/[>=3 <4]", transitive_headers=True)
        self.requires("zlib/[>=1.2.11 <2]")
        self.requires("bzip2/1.0.8")
        self.requires("libcbor/0.10.2")

    def validate(self):
        check_min_cppstd(self, "20")

    def generate(self):
        toolchain = CMakeToolchain(self)
        toolchain.cache_variables["EASYNET_BUILD_TESTS"] = False
        toolchain.cache_variables["EASYNET_BUILD_EXAMPLES"] = False
        toolchain.cache_variables["EASYNET_BUILD_BENCH"] = False
        toolchain.cache_variables["EASYNET_BUILD_FUZZ_REPLAY"] = False
        toolchain.cache_variables["EASYNET_USE_CCACHE"] = False
        toolchain.cache_variables["EASYNET_INSTALL"] = True
        toolchain.cache_variables["EASYNET_DEFAULT_STACK_SIZE"] = str(self.options.default_stack_size)
        toolchain.generate()
        CMakeDeps(self).generate()

    def build(self):
        cmake = CMake(self)
        cmake.configure()
        cmake.build()

    def package(self):
        copy(self, "LICENSE", src=self.source_folder, dst=os.path.join(self.package_folder, "licenses"))
        CMake(self).install()

    def package_info(self):
        self.cpp_info.set_property("cmake_file_name", "easynet")
        self.cpp_info.set_property("cmake_target_name", "easynet::easynet")
        self.cpp_info.libs = ["easynet"]
        self.cpp_info.defines = [f"EASYNET_DEFAULT_STACK_SIZE={self.options.default_stack_size}"]
        self.cpp_info.requires = [
            "boost::headers",
            "boost::context",
            "boost::json",
            "boost::system",
            "openssl::ssl",
            "openssl::crypto",
            "zlib::zlib",
            "bzip2::bzip2",
            "libcbor::libcbor",
        ]
        if self.settings.os in ("Linux", "FreeBSD"):
            self.cpp_info.system_libs = ["pthread"]
