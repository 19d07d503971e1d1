// Display names of attribute keys and canonical values in the UI language. Values come from
// core's fashion vocabulary (text/FashionVocabulary: navy -> 紺 / navy); keys are translated here.
// Unknown keys and values are shown as stored.
#pragma once

#include <QCoreApplication>
#include <QString>

namespace uf::ui {

class Vocabulary {
    Q_DECLARE_TR_FUNCTIONS(uf::ui::Vocabulary)
public:
    static QString keyName(const QString& key);
    static QString valueName(const QString& key, const QString& value);
};

} // namespace uf::ui
