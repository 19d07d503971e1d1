// One error path for the whole core: every failure is a uf::Error subclass whose message says
// what went wrong, where (file, row) and what to do. Foreign exceptions (c10::Error,
// cv::Exception, sqlite codes) are converted at the boundary of the folder that calls them.
// Cancellation is not an error: long jobs return a status instead.
#pragma once

#include <stdexcept>
#include <string>

namespace uf {

class Error : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// The catalog database or a file on disk could not be read or written.
class StorageError : public Error {
public:
    using Error::Error;
};

// A model pack is missing, damaged, truncated, mismatched or foreign.
class ModelLoadError : public Error {
public:
    using Error::Error;
};

// An index file is damaged or does not match the catalog; callers rebuild it.
class IndexCorruptError : public Error {
public:
    using Error::Error;
};

// Input supplied by the user (a file, a row, an image, a query) is not acceptable.
class BadInputError : public Error {
public:
    using Error::Error;
};

// A command line or API call was used wrongly (exit code 2 in the CLI).
class UsageError : public Error {
public:
    using Error::Error;
};

// An operation is not allowed by the rules (e.g. approving one's own output).
class PolicyError : public Error {
public:
    using Error::Error;
};

} // namespace uf
