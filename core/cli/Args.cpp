#include "cli/Args.h"

#include "common/Error.h"

#include <algorithm>
#include <charconv>

namespace uf::cli {

Args::Args(const std::vector<std::string>& argv, const std::set<std::string>& valueOptions,
           const std::set<std::string>& flags)
{
    for (std::size_t i = 0; i < argv.size(); ++i) {
        const std::string& a = argv[i];
        if (a.rfind("--", 0) != 0 || a == "--") {
            m_positionals.push_back(a);
            continue;
        }
        std::string name = a.substr(2);
        std::optional<std::string> inlineValue;
        if (auto eq = name.find('='); eq != std::string::npos) {
            inlineValue = name.substr(eq + 1);
            name = name.substr(0, eq);
        }
        if (flags.count(name)) {
            if (inlineValue)
                throw UsageError("option --" + name + " takes no value");
            m_flags.insert(name);
        } else if (valueOptions.count(name)) {
            if (inlineValue) {
                m_values.emplace(name, *inlineValue);
            } else {
                if (i + 1 >= argv.size())
                    throw UsageError("option --" + name + " needs a value");
                m_values.emplace(name, argv[++i]);
            }
        } else {
            throw UsageError("unknown option --" + name);
        }
    }
}

std::optional<std::string> Args::value(const std::string& name) const
{
    auto range = m_values.equal_range(name);
    if (range.first == range.second)
        return std::nullopt;
    return std::prev(range.second)->second; // the last one wins
}

std::string Args::required(const std::string& name) const
{
    auto v = value(name);
    if (!v)
        throw UsageError("option --" + name + " is required");
    return *v;
}

std::string Args::valueOr(const std::string& name, const std::string& fallback) const
{
    return value(name).value_or(fallback);
}

long long Args::intOr(const std::string& name, long long fallback) const
{
    auto v = value(name);
    if (!v)
        return fallback;
    long long out = 0;
    auto [p, ec] = std::from_chars(v->data(), v->data() + v->size(), out);
    if (ec != std::errc() || p != v->data() + v->size())
        throw UsageError("option --" + name + " needs a whole number, got '" + *v + "'");
    return out;
}

std::string Args::choiceOr(const std::string& name, const std::vector<std::string>& choices, const std::string& fallback) const
{
    auto v = value(name);
    if (!v)
        return fallback;
    if (std::find(choices.begin(), choices.end(), *v) != choices.end())
        return *v;
    std::string list;
    for (const auto& c : choices)
        list += (list.empty() ? "" : ", ") + c;
    throw UsageError("option --" + name + " must be one of " + list + ", got '" + *v + "'");
}

double Args::doubleOr(const std::string& name, double fallback) const
{
    auto v = value(name);
    if (!v)
        return fallback;
    try {
        std::size_t used = 0;
        double d = std::stod(*v, &used);
        if (used != v->size())
            throw std::invalid_argument("trailing");
        return d;
    } catch (const std::exception&) {
        throw UsageError("option --" + name + " needs a number, got '" + *v + "'");
    }
}

std::vector<std::string> Args::all(const std::string& name) const
{
    std::vector<std::string> out;
    auto range = m_values.equal_range(name);
    for (auto it = range.first; it != range.second; ++it)
        out.push_back(it->second);
    return out;
}

} // namespace uf::cli
