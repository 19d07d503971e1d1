// QString <-> std::filesystem::path in the file system's encoding (UTF-8 here), and small helpers.
#pragma once

#include <QFile>
#include <QString>

#include <filesystem>
#include <string>

namespace uf::ui {

inline std::filesystem::path toPath(const QString& s) { return std::filesystem::path(QFile::encodeName(s).toStdString()); }
inline QString fromPath(const std::filesystem::path& p) { return QFile::decodeName(QByteArray::fromStdString(p.string())); }
inline QString fromStd(const std::string& s) { return QString::fromStdString(s); }
inline std::string toStd(const QString& s) { return s.toStdString(); }

} // namespace uf::ui
