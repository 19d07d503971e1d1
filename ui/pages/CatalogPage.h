// Catalog screen: filters (category, attributes) and sort on the left, the thumbnail grid in the
// middle (QListView in icon mode over CatalogModel), the product's details on the right.
#pragma once

#include <QMap>
#include <QWidget>

class QComboBox;
class QFormLayout;
class QLabel;
class QListView;
class QPushButton;
class QStackedWidget;

namespace uf::ui {

class AppContext;
class CatalogModel;
class ProductDetailPane;

class CatalogPage : public QWidget {
    Q_OBJECT
public:
    explicit CatalogPage(AppContext* context, QWidget* parent = nullptr);

    CatalogModel* model() const { return m_model; }
    QListView* grid() const { return m_grid; }
    ProductDetailPane* details() const { return m_details; }
    QComboBox* categoryFilter() const { return m_category; }
    QComboBox* sortBox() const { return m_sort; }
    // Selects a product in the grid (when it is in the current filter) and shows its details.
    void showProduct(const QString& sku);
    bool isBusy() const;

private:
    void onCatalogChanged();
    void rebuildFilters();
    void applyFilters();
    void updateCount();

    AppContext* m_context;
    CatalogModel* m_model;
    QStackedWidget* m_stack;
    QLabel* m_emptyText;
    QListView* m_grid;
    ProductDetailPane* m_details;
    QComboBox* m_category;
    QComboBox* m_sort;
    QFormLayout* m_attributeForm;
    QMap<QString, QComboBox*> m_attributeBoxes;
    QPushButton* m_clear;
    QLabel* m_count;
    bool m_updatingFilters = false;
};

} // namespace uf::ui
