// The catalog's detail pane: the product's photo, Japanese and English titles and descriptions,
// attributes, and "similar items" (a photo search on its image once the index exists). Details
// are read on the I/O pool; the buttons ask other screens to search, generate or draft text.
#pragma once

#include "common/Jobs.h"

#include <QWidget>

class QLabel;
class QListView;
class QPushButton;
class QTableWidget;

namespace uf::ui {

class AppContext;
class AsyncImageLabel;
class SearchResultsModel;

class ProductDetailPane : public QWidget {
    Q_OBJECT
public:
    explicit ProductDetailPane(AppContext* context, QWidget* parent = nullptr);

    void showProduct(const QString& sku);
    QString sku() const { return m_sku; }
    bool isLoading() const { return m_loading; }
    SearchResultsModel* similarModel() const { return m_similar; }

Q_SIGNALS:
    void productShown(const QString& sku);

private:
    void clear();
    void loadSimilar();

    AppContext* m_context;
    QString m_sku;
    int m_generation = 0;
    bool m_loading = false;
    QLabel* m_empty;
    QWidget* m_body;
    AsyncImageLabel* m_photo;
    QLabel* m_skuLabel;
    QLabel* m_category;
    QLabel* m_titleJa;
    QLabel* m_titleEn;
    QLabel* m_descJa;
    QLabel* m_descEn;
    QTableWidget* m_attributes;
    QLabel* m_meta;
    QPushButton* m_similarButton;
    QPushButton* m_generateButton;
    QPushButton* m_describeButton;
    QLabel* m_similarNote;
    QListView* m_similarView;
    SearchResultsModel* m_similar;
};

} // namespace uf::ui
