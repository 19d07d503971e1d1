// Strict reading of one JSON object into config fields: absent keys keep their defaults, a wrong
// type or a key nobody asked for is a BadInputError naming "what.key" (an unknown key is more often
// a typo in a --config file or a foreign manifest than a harmless extra).
#pragma once

#include "common/Error.h"

#include <nlohmann/json.hpp>

#include <set>
#include <string>

namespace uf {

class JsonReader {
public:
    JsonReader(const nlohmann::json& j, std::string what) : m_j(j), m_what(std::move(what))
    {
        if (!m_j.is_object())
            throw BadInputError(m_what + ": expected a JSON object");
    }

    template <typename T>
    void get(const char* key, T& field)
    {
        m_known.insert(key);
        auto it = m_j.find(key);
        if (it == m_j.end())
            return;
        try {
            field = it->template get<T>();
        } catch (const nlohmann::json::exception& e) {
            throw BadInputError(m_what + "." + key + ": wrong type (" + e.what() + ")");
        }
    }

    // A nested object or array to read separately (nullptr when absent); the key counts as known.
    const nlohmann::json* sub(const char* key)
    {
        m_known.insert(key);
        auto it = m_j.find(key);
        return it == m_j.end() ? nullptr : &*it;
    }

    // Call after all get()/sub(): rejects keys nobody asked for.
    void finish() const
    {
        for (auto it = m_j.begin(); it != m_j.end(); ++it)
            if (!m_known.count(it.key()))
                throw BadInputError(m_what + ": unknown key '" + it.key() + "'");
    }

private:
    const nlohmann::json& m_j;
    std::string m_what;
    std::set<std::string> m_known;
};

} // namespace uf
