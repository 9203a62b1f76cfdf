#include "base/shared_library.h"

#include <dlfcn.h>

#include <string_view>
#include <utility>

namespace kb {

namespace {

// dlerror()'s message `error` as a Status of the library `soname`. glibc
// writes the library in front ("libm.so.6: ", or its path for a failed
// dlsym); the Status names it as its subject, so it is not said twice.
Status dl_error(const std::string& soname, const char* error) {
  std::string_view message = error != nullptr ? error : "unknown dynamic loader error";
  const std::size_t colon = message.find(": ");
  if (colon != std::string_view::npos) {
    const std::string_view named = message.substr(0, colon);
    const std::string_view file = std::string_view(soname).substr(soname.rfind('/') + 1);
    if (named == soname ||
        (named.size() > file.size() && named.ends_with("/" + std::string(file)))) {
      message.remove_prefix(colon + 2);
    }
  }
  return Status::internal(soname, std::string(message));
}

}  // namespace

Result<SharedLibrary> SharedLibrary::open(const std::string& soname) {
  void* handle = dlopen(soname.c_str(), RTLD_NOW | RTLD_LOCAL);
  if (handle == nullptr) return dl_error(soname, dlerror());
  return SharedLibrary(soname, handle);
}

Result<SharedLibrary> SharedLibrary::open(const std::string& soname,
                                          std::initializer_list<Symbol> symbols) {
  Result<SharedLibrary> library = open(soname);
  if (!library) return library;
  const Status found = library->find(symbols);
  if (!found.ok()) return found;
  return library;
}

SharedLibrary::SharedLibrary(SharedLibrary&& other) noexcept
    : soname_(std::move(other.soname_)), handle_(std::exchange(other.handle_, nullptr)) {}

SharedLibrary& SharedLibrary::operator=(SharedLibrary&& other) noexcept {
  if (this != &other) {
    if (handle_ != nullptr) dlclose(handle_);
    soname_ = std::move(other.soname_);
    handle_ = std::exchange(other.handle_, nullptr);
  }
  return *this;
}

SharedLibrary::~SharedLibrary() {
  if (handle_ != nullptr) dlclose(handle_);
}

Status SharedLibrary::find(std::initializer_list<Symbol> symbols) const {
  // dlsym(nullptr, ...) is dlsym(RTLD_DEFAULT, ...): every library loaded.
  if (handle_ == nullptr) return Status::internal(soname_, "no library is open");
  for (const Symbol& symbol : symbols) {
    dlerror();  // a null address is an error only if dlerror() says so
    void* address = dlsym(handle_, symbol.name_);
    if (address == nullptr) {
      // Found but null (an undefined weak symbol) is no function either.
      const char* error = dlerror();
      if (error == nullptr)
        return Status::internal(soname_, std::string(symbol.name_) + " is null");
      return dl_error(soname_, error);
    }
    symbol.set_(symbol.function_, address);
  }
  return Status::ok_status();
}

}  // namespace kb
