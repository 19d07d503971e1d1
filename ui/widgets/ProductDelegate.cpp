#include "widgets/ProductDelegate.h"

#include <QApplication>
#include <QFontMetrics>
#include <QLocale>
#include <QPainter>
#include <QPixmap>
#include <QTextLayout>

namespace uf::ui {

namespace {
constexpr int kPad = 6;
}

ProductDelegate::ProductDelegate(int side, int skuRole, int scoreRole, QObject* parent)
    : QStyledItemDelegate(parent), m_side(side), m_skuRole(skuRole), m_scoreRole(scoreRole)
{
}

QSize ProductDelegate::tileSize(const QFont& font) const
{
    const QFontMetrics fm(font);
    QFont small = font;
    small.setPointSizeF(font.pointSizeF() * 0.85);
    const QFontMetrics sfm(small);
    return {m_side + 2 * kPad, m_side + 2 * kPad + 2 * fm.lineSpacing() + sfm.lineSpacing() + kPad};
}

QSize ProductDelegate::sizeHint(const QStyleOptionViewItem& option, const QModelIndex&) const
{
    return tileSize(option.font);
}

void ProductDelegate::paint(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const
{
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    opt.text.clear();
    opt.icon = QIcon();
    opt.features &= ~QStyleOptionViewItem::HasDecoration;
    // Background, selection and focus in the style's own look (follows the palette).
    const QWidget* widget = option.widget;
    QStyle* style = widget ? widget->style() : QApplication::style();
    style->drawPrimitive(QStyle::PE_PanelItemViewItem, &opt, painter, widget);

    painter->save();
    const QRect r = option.rect.adjusted(kPad, kPad, -kPad, -kPad);
    const QRect imageRect(r.left(), r.top(), m_side, m_side);
    const QPixmap pm = index.data(Qt::DecorationRole).value<QPixmap>();
    if (!pm.isNull()) {
        const QSize s = pm.deviceIndependentSize().toSize().scaled(imageRect.size(), Qt::KeepAspectRatio);
        const QRect target(imageRect.left() + (imageRect.width() - s.width()) / 2,
                           imageRect.top() + (imageRect.height() - s.height()) / 2, s.width(), s.height());
        painter->setRenderHint(QPainter::SmoothPixmapTransform);
        painter->drawPixmap(target, pm);
    } else {
        QColor c = option.palette.color(QPalette::Mid);
        c.setAlpha(60);
        painter->fillRect(imageRect, c);
    }

    const bool selected = option.state & QStyle::State_Selected;
    const QColor textColor = option.palette.color(selected ? QPalette::HighlightedText : QPalette::Text);
    painter->setPen(textColor);
    const QFontMetrics fm(option.font);
    int y = imageRect.bottom() + kPad;
    // Title: two lines at most, the second elided.
    const QString title = index.data(Qt::DisplayRole).toString();
    QTextLayout layout(title, option.font);
    QTextOption to;
    to.setWrapMode(QTextOption::WrapAtWordBoundaryOrAnywhere);
    layout.setTextOption(to);
    layout.beginLayout();
    QString lines[2];
    for (int i = 0; i < 2; ++i) {
        QTextLine line = layout.createLine();
        if (!line.isValid())
            break;
        line.setLineWidth(r.width());
        lines[i] = title.mid(line.textStart(), i == 1 ? -1 : line.textLength());
    }
    layout.endLayout();
    for (int i = 0; i < 2; ++i) {
        if (lines[i].isEmpty())
            continue;
        painter->drawText(QRect(r.left(), y, r.width(), fm.lineSpacing()), Qt::AlignLeft | Qt::AlignVCenter,
                          fm.elidedText(lines[i].trimmed(), Qt::ElideRight, r.width()));
        y += fm.lineSpacing();
    }

    QFont small = option.font;
    small.setPointSizeF(option.font.pointSizeF() * 0.85);
    painter->setFont(small);
    const QFontMetrics sfm(small);
    QColor muted = textColor;
    if (!selected)
        muted = option.palette.color(QPalette::PlaceholderText);
    painter->setPen(muted);
    QString meta = index.data(m_skuRole).toString();
    if (m_scoreRole >= 0) {
        const QVariant score = index.data(m_scoreRole);
        if (score.isValid())
            meta = QLocale().toString(score.toDouble(), 'f', 3) + QStringLiteral("  ·  ") + meta;
    }
    painter->drawText(QRect(r.left(), y, r.width(), sfm.lineSpacing()), Qt::AlignLeft | Qt::AlignVCenter,
                      sfm.elidedText(meta, Qt::ElideRight, r.width()));
    painter->restore();
}

} // namespace uf::ui
