#include "pages/GeneratePage.h"

#include "common/AppContext.h"
#include "common/Icons.h"
#include "common/Jobs.h"
#include "common/Services.h"
#include "models/ImageListModel.h"
#include "models/ThumbnailCache.h"
#include "widgets/ProductDelegate.h"
#include "widgets/Widgets.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>

namespace uf::ui {

GeneratePage::GeneratePage(AppContext* context, QWidget* parent) : QWidget(parent), m_context(context)
{
    auto* layout = new QVBoxLayout(this);
    m_banner = new Banner(this);
    layout->addWidget(m_banner);

    auto* columns = new QHBoxLayout;
    layout->addLayout(columns, 1);

    // Left: the request.
    auto* requestBox = new QGroupBox(tr("Variations"), this);
    auto* form = new QFormLayout(requestBox);
    m_prompt = new QLineEdit(requestBox);
    m_prompt->setPlaceholderText(tr("e.g. red striped shirt / 赤いストライプのシャツ"));
    m_prompt->setToolTip(tr("What to draw, in Japanese or English. With a reference: the change to make"));
    form->addRow(tr("Prompt"), m_prompt);

    auto* refRow = new QHBoxLayout;
    m_referenceChip = new Chip(requestBox);
    m_referenceChip->hide();
    m_referenceChip->removeButton()->setToolTip(tr("Generate without a reference"));
    m_referenceSku = new QLineEdit(requestBox);
    m_referenceSku->setPlaceholderText(tr("SKU"));
    m_referenceSku->setToolTip(tr("Type a product's SKU and press Enter to use its photo as the reference"));
    m_referenceSku->setMaximumWidth(140);
    m_referencePhoto = new QToolButton(requestBox);
    m_referencePhoto->setIcon(icon(QStringLiteral("photo")));
    m_referencePhoto->setText(tr("Photo…"));
    m_referencePhoto->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_referencePhoto->setToolTip(tr("Use a photo file as the reference"));
    refRow->addWidget(m_referenceChip);
    refRow->addWidget(m_referenceSku);
    refRow->addWidget(m_referencePhoto);
    refRow->addStretch(1);
    form->addRow(tr("Reference (optional)"), refRow);

    m_count = new QSpinBox(requestBox);
    m_count->setRange(1, 16);
    m_count->setValue(4);
    m_count->setMaximumWidth(160);
    m_count->setToolTip(tr("How many variations to draw"));
    form->addRow(tr("Count"), m_count);
    auto* seedRow = new QHBoxLayout;
    m_seed = new QSpinBox(requestBox);
    m_seed->setRange(0, std::numeric_limits<int>::max());
    m_seed->setValue(42);
    m_seed->setToolTip(tr("The same seed and settings give the same images"));
    m_randomSeed = new QCheckBox(tr("Random"), requestBox);
    m_randomSeed->setChecked(true);
    m_randomSeed->setToolTip(tr("Pick a new seed each time (it is recorded with the outputs)"));
    m_seed->setEnabled(false);
    m_seed->setMaximumWidth(160);
    seedRow->addWidget(m_seed);
    seedRow->addWidget(m_randomSeed);
    seedRow->addStretch(1);
    form->addRow(tr("Seed"), seedRow);
    m_steps = new QSpinBox(requestBox);
    m_steps->setRange(1, 200);
    m_steps->setValue(services::defaultSamplingSteps());
    m_steps->setMaximumWidth(160);
    m_steps->setToolTip(tr("Sampling steps: more is slower and usually cleaner"));
    form->addRow(tr("Steps"), m_steps);
    m_sampler = new QComboBox(requestBox);
    m_sampler->addItem(tr("DPM++ 2M (fewer steps)"), QStringLiteral("dpm++2m"));
    m_sampler->addItem(tr("DDIM"), QStringLiteral("ddim"));
    m_sampler->setCurrentIndex(std::max(0, m_sampler->findData(services::defaultSampler())));
    m_sampler->setMaximumWidth(220);
    m_sampler->setToolTip(tr("How each step is taken. DPM++ 2M draws in about 12 steps what DDIM draws in 25; "
                             "each output records which was used"));
    form->addRow(tr("Sampler"), m_sampler);
    m_guidance = new QDoubleSpinBox(requestBox);
    m_guidance->setRange(0.0, 15.0);
    m_guidance->setSingleStep(0.5);
    m_guidance->setDecimals(1);
    m_guidance->setValue(2.5);
    m_guidance->setMaximumWidth(160);
    m_guidance->setToolTip(tr("How closely to follow the prompt; 2–3 keeps variety"));
    form->addRow(tr("Guidance"), m_guidance);
    m_strength = new QDoubleSpinBox(requestBox);
    m_strength->setRange(0.1, 1.0);
    m_strength->setSingleStep(0.1);
    m_strength->setDecimals(2);
    m_strength->setValue(services::defaultEditStrength());
    m_strength->setMaximumWidth(160);
    m_strength->setToolTip(tr("With a reference: how much of it may change. Lower keeps more of its shape; 1 draws it anew"));
    m_strength->setEnabled(false);
    form->addRow(tr("Change"), m_strength);
    m_draft = new QCheckBox(tr("Draft: half the size, faster"), requestBox);
    m_draft->setToolTip(tr("Skip the model's upscaler: quick sketches to choose from, drawn again full size later with the same seed"));
    form->addRow(QString(), m_draft);
    m_generate = new QPushButton(icon(QStringLiteral("generate")), tr("Generate"), requestBox);
    m_generate->setToolTip(tr("Draw the variations; they go to the review queue"));
    form->addRow(m_generate);
    m_runner = new JobRunner(this);
    m_panel = new JobPanel(m_runner, requestBox);
    form->addRow(m_panel);
    columns->addWidget(requestBox, 1);

    // Right: outputs and description drafts.
    auto* right = new QVBoxLayout;
    auto* outBox = new QGroupBox(tr("Latest outputs"), this);
    auto* ol = new QVBoxLayout(outBox);
    m_outputNote = new QLabel(tr("Outputs go to the review queue as pending. Nothing is used or exported until a "
                                 "reviewer approves it."),
                              outBox);
    m_outputNote->setWordWrap(true);
    ol->addWidget(m_outputNote);
    m_outputs = new ImageListModel(context->thumbnails(), this);
    m_outputView = new QListView(outBox);
    m_outputView->setViewMode(QListView::IconMode);
    m_outputView->setMovement(QListView::Static);
    m_outputView->setResizeMode(QListView::Adjust);
    m_outputView->setUniformItemSizes(true);
    auto* delegate = new ProductDelegate(128, ImageListModel::LabelRole, -1, m_outputView);
    m_outputView->setItemDelegate(delegate);
    m_outputView->setGridSize(delegate->tileSize(font()) + QSize(8, 8));
    m_outputView->setModel(m_outputs);
    ol->addWidget(m_outputView, 1);
    auto* openQueue = new QPushButton(icon(QStringLiteral("audit")), tr("Open review queue"), outBox);
    ol->addWidget(openQueue, 0, Qt::AlignRight);
    right->addWidget(outBox, 2);

    auto* descBox = new QGroupBox(tr("Draft a description"), this);
    auto* dl = new QVBoxLayout(descBox);
    auto* drow = new QHBoxLayout;
    m_describeSku = new QLineEdit(descBox);
    m_describeSku->setPlaceholderText(tr("SKU"));
    m_describeSku->setToolTip(tr("The product whose photo is described"));
    m_describeLang = new QComboBox(descBox);
    m_describeLang->addItem(tr("Japanese"), QStringLiteral("ja"));
    m_describeLang->addItem(tr("English"), QStringLiteral("en"));
    m_describe = new QPushButton(icon(QStringLiteral("description")), tr("Draft"), descBox);
    m_describe->setToolTip(tr("Write a description draft from the photo; it goes to the review queue"));
    drow->addWidget(m_describeSku, 1);
    drow->addWidget(m_describeLang);
    drow->addWidget(m_describe);
    dl->addLayout(drow);
    m_describeRunner = new JobRunner(this);
    m_describePanel = new JobPanel(m_describeRunner, descBox);
    dl->addWidget(m_describePanel);
    m_describeText = new QPlainTextEdit(descBox);
    m_describeText->setReadOnly(true);
    m_describeText->setPlaceholderText(tr("The draft appears here (pending review)."));
    dl->addWidget(m_describeText);
    right->addWidget(descBox, 1);
    columns->addLayout(right, 1);

    setTabOrder(m_prompt, m_referenceSku);
    setTabOrder(m_referenceSku, m_referencePhoto);
    setTabOrder(m_referencePhoto, m_count);
    setTabOrder(m_count, m_seed);
    setTabOrder(m_seed, m_randomSeed);
    setTabOrder(m_randomSeed, m_steps);
    setTabOrder(m_steps, m_sampler);
    setTabOrder(m_sampler, m_guidance);
    setTabOrder(m_guidance, m_strength);
    setTabOrder(m_strength, m_draft);
    setTabOrder(m_draft, m_generate);
    setTabOrder(m_generate, m_describeSku);
    setTabOrder(m_describeSku, m_describeLang);
    setTabOrder(m_describeLang, m_describe);

    connect(m_randomSeed, &QCheckBox::toggled, m_seed, [this](bool on) { m_seed->setEnabled(!on); });
    connect(m_prompt, &QLineEdit::returnPressed, this, &GeneratePage::start);
    connect(m_generate, &QPushButton::clicked, this, &GeneratePage::start);
    connect(m_referenceSku, &QLineEdit::returnPressed, this, [this] {
        if (!m_referenceSku->text().trimmed().isEmpty())
            setReferenceProduct(m_referenceSku->text().trimmed());
    });
    connect(m_referencePhoto, &QToolButton::clicked, this, [this] {
        const QString file = QFileDialog::getOpenFileName(this, tr("Reference photo"), QString(),
                                                          tr("Images (*.png *.jpg *.jpeg *.webp *.bmp)"));
        if (!file.isEmpty())
            setReferenceFile(file);
    });
    connect(m_referenceChip, &Chip::removeRequested, this, &GeneratePage::clearReference);
    connect(openQueue, &QPushButton::clicked, this, &GeneratePage::openReviewQueue);
    connect(m_describe, &QPushButton::clicked, this, &GeneratePage::startDescription);
    connect(m_describeSku, &QLineEdit::returnPressed, this, &GeneratePage::startDescription);
    connect(m_runner, &JobRunner::runningChanged, this, &GeneratePage::updateAvailability);
    connect(m_describeRunner, &JobRunner::runningChanged, this, &GeneratePage::updateAvailability);
    connect(context, &AppContext::catalogChanged, this, &GeneratePage::updateAvailability);
    connect(context, &AppContext::modelSettingsChanged, this, &GeneratePage::updateAvailability);
    updateAvailability();
}

void GeneratePage::updateAvailability()
{
    QString why;
    if (!services::has(services::Feature::Generate))
        why = tr("Generation is not available yet: this build has no image generator. The form is ready and becomes "
                 "active once the model's generation module is installed.");
    else if (!m_context->hasCatalog())
        why = tr("Open a catalog first: outputs are stored in the catalog's review queue.");
    else if (m_context->modelPackPath().isEmpty())
        why = tr("No model pack is installed. Choose one in Settings → Model pack.");
    m_banner->setText(why);
    m_banner->setVisible(!why.isEmpty());
    m_generate->setEnabled(why.isEmpty() && !m_runner->isRunning());
    const bool canDescribe = services::has(services::Feature::Caption) && m_context->hasCatalog()
        && !m_context->modelPackPath().isEmpty();
    m_describe->setEnabled(canDescribe && !m_describeRunner->isRunning());
    m_describe->setToolTip(canDescribe ? tr("Write a description draft from the photo; it goes to the review queue")
                                       : tr("Description drafts are available once the model and a catalog are present"));
}

void GeneratePage::setReferenceProduct(const QString& sku)
{
    m_reference = sku;
    m_referenceChip->setContent(tr("Product %1").arg(sku));
    m_referenceChip->show();
    m_strength->setEnabled(true);
    m_referenceSku->clear();
    if (m_context->hasCatalog()) {
        const QString folder = m_context->catalogPath();
        runGuarded(ioPool(), [folder, sku] { return services::productDetails(folder, sku); })
            .then(this,
                  [this, sku](const std::optional<services::ProductDetails>& d) {
                      if (m_reference != sku)
                          return;
                      if (!d) {
                          m_panel->setMessage(tr("There is no product %1 in this catalog.").arg(sku), true);
                          clearReference();
                          return;
                      }
                      m_referenceChip->setContent(tr("Product %1").arg(sku), {}, d->imagePaths.value(0));
                  })
            .onFailed(this, [] {});
    }
}

void GeneratePage::setReferenceFile(const QString& path)
{
    m_reference = path;
    m_referenceChip->setContent(QFileInfo(path).fileName(), {}, path);
    m_referenceChip->show();
    m_strength->setEnabled(true);
}

void GeneratePage::clearReference()
{
    m_reference.clear();
    m_referenceChip->hide();
    m_strength->setEnabled(false);
}

void GeneratePage::prepareDescription(const QString& sku)
{
    m_describeSku->setText(sku);
    m_describeLang->setCurrentIndex(m_context->language() == QLatin1String("ja") ? 0 : 1);
    m_describe->setFocus();
}

void GeneratePage::start()
{
    updateAvailability();
    if (!m_generate->isEnabled())
        return;
    if (m_prompt->text().trimmed().isEmpty()) {
        m_panel->setMessage(tr("Write a prompt first, e.g. “navy dress with dots”."), true);
        m_prompt->setFocus();
        return;
    }
    services::GenerateRequest req;
    req.catalog = m_context->catalogPath();
    req.pack = m_context->modelPackPath();
    req.device = m_context->device();
    req.prompt = m_prompt->text().trimmed();
    req.reference = m_reference;
    req.count = m_count->value();
    if (!m_randomSeed->isChecked())
        req.seed = static_cast<quint64>(m_seed->value());
    req.steps = m_steps->value();
    req.sampler = m_sampler->currentData().toString();
    req.guidance = m_guidance->value();
    if (!m_reference.isEmpty())
        req.strength = m_strength->value();
    req.draft = m_draft->isChecked();
    m_runner->start<services::GenerateOutcome>(
        tr("Generating"), [req](const uf::ProgressFn& progress) { return services::generate(req, progress); },
        [this](const services::GenerateOutcome& r) {
            QList<ImageListItem> items;
            for (const auto& it : r.items)
                items.append({it.outputId, it.path, tr("No. %1 · pending").arg(it.outputId)});
            m_outputs->setItems(items);
            if (r.cancelled)
                m_panel->setMessage(tr("Cancelled. Nothing was stored; run again to generate."));
            else
                m_panel->setMessage(tr("%n output(s) sent to the review queue (seed %1).", nullptr,
                                       static_cast<int>(r.items.size()))
                                        .arg(r.seed));
            m_context->notifyCatalogContentChanged();
            Q_EMIT generated(static_cast<int>(r.items.size()));
        });
}

void GeneratePage::startDescription()
{
    const QString sku = m_describeSku->text().trimmed();
    if (sku.isEmpty()) {
        m_describePanel->setMessage(tr("Type the SKU of the product to describe."), true);
        return;
    }
    const QString folder = m_context->catalogPath();
    const QString pack = m_context->modelPackPath();
    const QString device = m_context->device();
    const QString lang = m_describeLang->currentData().toString();
    m_describeRunner->start<services::CaptionOutcome>(
        tr("Drafting"),
        [folder, pack, device, sku, lang](const uf::ProgressFn&) {
            return services::draftDescription(folder, pack, device, sku, lang);
        },
        [this](const services::CaptionOutcome& r) {
            m_describeText->setPlainText(r.text);
            m_describePanel->setMessage(tr("Draft No. %1 sent to the review queue.").arg(r.outputId));
            m_context->notifyCatalogContentChanged();
            Q_EMIT described(r.text);
        });
}

} // namespace uf::ui
