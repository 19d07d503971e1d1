// The user interface language: Japanese or English, from the system locale unless chosen in
// Settings. Installs the embedded translation (:/i18n/unifashion_<code>.qm) and a font list that
// renders Japanese with Noto Sans CJK JP (not Chinese glyph variants, not boxes).
#pragma once

#include <QString>

namespace uf::ui {

// "ja" when the system locale is Japanese, otherwise "en".
QString systemLanguage();
// Resolves "system" to systemLanguage(); passes "ja"/"en" through; anything else becomes "en".
QString resolveLanguage(const QString& setting);
// Installs the translator and the font for code ("ja"/"en"); returns false when the .qm is missing.
bool installLanguage(const QString& code);
QString currentLanguage();

} // namespace uf::ui
