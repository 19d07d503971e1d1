#include "pages/SettingsPage.h"

#include "common/AppContext.h"
#include "common/Features.h"
#include "common/Icons.h"
#include "common/Jobs.h"
#include "common/Language.h"
#include "common/Paths.h"
#include "common/Services.h"
#include "common/Style.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QFileDialog>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QThread>
#include <QVBoxLayout>

#if UF_HAVE_MODEL
#include "model/UnifiedModel.h"
#endif

namespace uf::ui {

SettingsPage::SettingsPage(AppContext* context, QWidget* parent) : QWidget(parent), m_context(context)
{
    auto* outer = new QVBoxLayout(this);

    auto* catBox = new QGroupBox(tr("Catalog"), this);
    auto* cf = new QFormLayout(catBox);
    auto* catRow = new QHBoxLayout;
    m_catalog = new QLineEdit(catBox);
    m_catalog->setPlaceholderText(tr("Folder holding catalog.sqlite"));
    m_catalog->setToolTip(tr("Type a catalog folder and press Enter, or choose one"));
    auto* browse = new QPushButton(icon(QStringLiteral("folder")), tr("Choose…"), catBox);
    catRow->addWidget(m_catalog, 1);
    catRow->addWidget(browse);
    cf->addRow(tr("Catalog folder"), catRow);
    m_catalogStatus = new QLabel(catBox);
    m_catalogStatus->setWordWrap(true);
    cf->addRow(QString(), m_catalogStatus);
    m_reopen = new QCheckBox(tr("Reopen the last catalog at start"), catBox);
    m_reopen->setChecked(context->settings().reopenLastCatalog());
    cf->addRow(QString(), m_reopen);
    m_demo = new QPushButton(tr("Open the demo catalog"), catBox);
    m_demo->setToolTip(tr("The demo catalog made by “unifashion demo” in %1").arg(defaultDemoCatalog()));
    auto* demoRow = new QHBoxLayout;
    demoRow->addWidget(m_demo);
    demoRow->addStretch(1);
    cf->addRow(QString(), demoRow);
    outer->addWidget(catBox);

    auto* modelBox = new QGroupBox(tr("Model"), this);
    auto* mf = new QFormLayout(modelBox);
    auto* packRow = new QHBoxLayout;
    m_pack = new QLineEdit(modelBox);
    m_pack->setPlaceholderText(tr("Default model pack"));
    m_pack->setText(context->settings().modelPack());
    m_pack->setToolTip(tr("Leave empty to use the model pack shipped with the application"));
    auto* packBrowse = new QPushButton(icon(QStringLiteral("folder")), tr("Choose…"), modelBox);
    packRow->addWidget(m_pack, 1);
    packRow->addWidget(packBrowse);
    mf->addRow(tr("Model pack"), packRow);
    m_packStatus = new QLabel(modelBox);
    m_packStatus->setWordWrap(true);
    mf->addRow(QString(), m_packStatus);
    m_device = new QComboBox(modelBox);
    m_device->addItem(tr("CPU"), QStringLiteral("cpu"));
    m_device->addItem(tr("CUDA (NVIDIA GPU)"), QStringLiteral("cuda"));
    bool cuda = false;
#if UF_HAVE_MODEL
    try {
        cuda = model::cudaAvailable();
    } catch (...) {
    }
#endif
    if (!cuda) {
        // Keep the entry visible but disabled, with the reason as its tooltip.
        m_device->setItemData(1, 0, Qt::UserRole - 1);
        m_device->setItemData(1, tr("No CUDA device is available to this build"), Qt::ToolTipRole);
    }
    m_device->setCurrentIndex(std::max(0, m_device->findData(context->settings().device())));
    if (!cuda)
        m_device->setCurrentIndex(0);
    m_device->setToolTip(tr("Where the model runs"));
    m_device->setMaximumWidth(320);
    mf->addRow(tr("Device"), m_device);
    m_threads = new QSpinBox(modelBox);
    m_threads->setRange(0, std::max(1, QThread::idealThreadCount() * 2));
    m_threads->setSpecialValueText(tr("Automatic (one per core)"));
    m_threads->setValue(context->settings().threads());
    m_threads->setToolTip(tr("CPU threads for fine-tuning and evaluation"));
    m_threads->setMaximumWidth(320);
    mf->addRow(tr("Threads"), m_threads);
    outer->addWidget(modelBox);

    auto* langBox = new QGroupBox(tr("Language"), this);
    auto* lf = new QFormLayout(langBox);
    m_language = new QComboBox(langBox);
    m_language->addItem(tr("System language"), QStringLiteral("system"));
    m_language->addItem(QStringLiteral("日本語"), QStringLiteral("ja"));
    m_language->addItem(QStringLiteral("English"), QStringLiteral("en"));
    // The stored choice ("system" included) unless the window runs in another language (a
    // --language override): then the box shows what is on screen, so picking the other one
    // always switches.
    QString shownLanguage = context->settings().language();
    if (resolveLanguage(shownLanguage) != context->language())
        shownLanguage = context->language();
    m_language->setCurrentIndex(std::max(0, m_language->findData(shownLanguage)));
    m_language->setToolTip(tr("The language of the application's screens"));
    m_language->setMaximumWidth(320);
    lf->addRow(tr("Language"), m_language);
    m_languageNote = new QLabel(tr("The window switches language at once; while a job runs, the change waits until "
                                   "the next start."),
                                langBox);
    m_languageNote->setWordWrap(true);
    setTone(m_languageNote, Tone::Muted);
    lf->addRow(QString(), m_languageNote);
    outer->addWidget(langBox);
    outer->addStretch(1);

    connect(browse, &QPushButton::clicked, this, [this] {
        const QString dir = QFileDialog::getExistingDirectory(this, tr("Open catalog folder"), m_catalog->text());
        if (!dir.isEmpty()) {
            m_catalog->setText(dir);
            m_context->setCatalogPath(dir);
        }
    });
    connect(m_catalog, &QLineEdit::returnPressed, this, [this] {
        const QString dir = m_catalog->text().trimmed();
        if (AppContext::isCatalogFolder(dir))
            m_context->setCatalogPath(dir);
        refresh();
    });
    connect(m_reopen, &QCheckBox::toggled, this, [this](bool on) { m_context->settings().setReopenLastCatalog(on); });
    connect(m_demo, &QPushButton::clicked, this, [this] { m_context->setCatalogPath(defaultDemoCatalog()); });
    connect(packBrowse, &QPushButton::clicked, this, [this] {
        const QString dir = QFileDialog::getExistingDirectory(this, tr("Choose a model pack folder"), m_pack->text());
        if (!dir.isEmpty()) {
            m_pack->setText(dir);
            m_context->settings().setModelPack(dir);
            Q_EMIT m_context->modelSettingsChanged();
            refresh();
        }
    });
    connect(m_pack, &QLineEdit::editingFinished, this, [this] {
        if (m_pack->text().trimmed() == m_context->settings().modelPack())
            return;
        m_context->settings().setModelPack(m_pack->text().trimmed());
        Q_EMIT m_context->modelSettingsChanged();
        refresh();
    });
    connect(m_device, &QComboBox::currentIndexChanged, this, [this] {
        m_context->settings().setDevice(m_device->currentData().toString());
        Q_EMIT m_context->modelSettingsChanged();
    });
    connect(m_threads, &QSpinBox::valueChanged, this, [this](int n) {
        m_context->settings().setThreads(n);
        services::setComputeThreads(n);
    });
    connect(m_language, &QComboBox::currentIndexChanged, this, [this] {
        const QString code = m_language->currentData().toString();
        m_context->settings().setLanguage(code);
        Q_EMIT m_context->languageChangeRequested(code);
    });
    connect(context, &AppContext::catalogChanged, this, &SettingsPage::refresh);
    refresh();
}

void SettingsPage::refresh()
{
    const QString cat = m_context->catalogPath();
    if (!m_catalog->hasFocus())
        m_catalog->setText(cat);
    const QString typed = m_catalog->text().trimmed();
    if (!cat.isEmpty() && typed == cat) {
        m_catalogStatus->setText(tr("Open."));
        setTone(m_catalogStatus, Tone::Success);
    } else if (!typed.isEmpty() && !AppContext::isCatalogFolder(typed)) {
        m_catalogStatus->setText(tr("No catalog in this folder (catalog.sqlite is missing). Create one with "
                                    "“unifashion import” or “unifashion demo”."));
        setTone(m_catalogStatus, Tone::Error);
    } else {
        m_catalogStatus->setText(tr("No catalog is open."));
        setTone(m_catalogStatus, Tone::Muted);
    }
    m_demo->setEnabled(AppContext::isCatalogFolder(defaultDemoCatalog()) && cat != QDir::cleanPath(defaultDemoCatalog()));

    const QString pack = m_context->modelPackPath();
    if (pack.isEmpty()) {
        m_packStatus->setText(tr("No model pack is installed: search, generation and drafts stay off. Choose a pack "
                                 "folder or reinstall the application."));
        setTone(m_packStatus, Tone::Error);
    } else {
        m_packStatus->setText(tr("In use: %1").arg(pack));
        setTone(m_packStatus, Tone::Muted);
    }
}

} // namespace uf::ui
