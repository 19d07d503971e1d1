#include "common/Vocabulary.h"

#include "common/Language.h"
#include "text/FashionVocabulary.h"

namespace uf::ui {

QString Vocabulary::keyName(const QString& key)
{
    if (key == QLatin1String("category")) return tr("Category");
    if (key == QLatin1String("color")) return tr("Colour");
    if (key == QLatin1String("pattern")) return tr("Pattern");
    if (key == QLatin1String("sleeve")) return tr("Sleeve");
    if (key == QLatin1String("length")) return tr("Length");
    if (key == QLatin1String("neckline")) return tr("Neckline");
    if (key == QLatin1String("heel")) return tr("Heel");
    if (key == QLatin1String("material")) return tr("Material");
    if (key == QLatin1String("size")) return tr("Size");
    if (key == QLatin1String("brand")) return tr("Brand");
    if (key == QLatin1String("season")) return tr("Season");
    return key;
}

QString Vocabulary::valueName(const QString& key, const QString& value)
{
    if (value.isEmpty())
        return value;
    const std::string lang = currentLanguage() == QLatin1String("ja") ? "ja" : "en";
    return QString::fromStdString(text::displayName(key.toStdString(), value.toStdString(), lang));
}

} // namespace uf::ui
