// A small command-line parser shared by every subcommand: `--name value`, `--name=value`,
// repeated options (--map a=b --map c=d), flags, and positionals. Unknown options are usage errors.
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace uf::cli {

class Args {
public:
    // valueOptions take a value; flags do not. Throws UsageError on anything else.
    Args(const std::vector<std::string>& argv, const std::set<std::string>& valueOptions,
         const std::set<std::string>& flags);

    bool flag(const std::string& name) const { return m_flags.count(name) > 0; }
    bool has(const std::string& name) const { return m_values.count(name) > 0; }
    std::optional<std::string> value(const std::string& name) const;
    std::string required(const std::string& name) const;
    std::string valueOr(const std::string& name, const std::string& fallback) const;
    long long intOr(const std::string& name, long long fallback) const;
    double doubleOr(const std::string& name, double fallback) const;
    // The value when it is one of choices (a usage error naming them otherwise), else fallback.
    std::string choiceOr(const std::string& name, const std::vector<std::string>& choices, const std::string& fallback) const;
    std::vector<std::string> all(const std::string& name) const;
    const std::vector<std::string>& positionals() const { return m_positionals; }

private:
    std::multimap<std::string, std::string> m_values;
    std::set<std::string> m_flags;
    std::vector<std::string> m_positionals;
};

} // namespace uf::cli
