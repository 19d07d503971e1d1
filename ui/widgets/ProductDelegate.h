// Paints one product tile in the grids (catalog, search results, similar items): the thumbnail
// or a placeholder while it loads, the title elided to two lines, the SKU, and a score when the
// model has one (ScoreRole given to the constructor). Fixed size, so views can use uniform sizes.
#pragma once

#include <QStyledItemDelegate>

namespace uf::ui {

class ProductDelegate : public QStyledItemDelegate {
    Q_OBJECT
public:
    // skuRole/scoreRole: the model's roles for the SKU and the score (-1: none).
    ProductDelegate(int side, int skuRole, int scoreRole = -1, QObject* parent = nullptr);
    QSize sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const override;
    void paint(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const override;
    QSize tileSize(const QFont& font) const;

private:
    int m_side;
    int m_skuRole;
    int m_scoreRole;
};

} // namespace uf::ui
