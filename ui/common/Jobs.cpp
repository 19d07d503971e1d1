#include "common/Jobs.h"

#include "common/Error.h"
#include "common/Icons.h"
#include "common/Style.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QSet>
#include <QStyle>
#include <QVBoxLayout>

#include <new>

namespace uf::ui {

JobError toJobError(std::exception_ptr error)
{
    try {
        std::rethrow_exception(error);
    } catch (const JobError& e) {
        return e;
    } catch (const uf::StorageError& e) {
        return {JobError::tr("The catalog could not be read or written. Check that the catalog folder exists, that the disk "
                   "is not full and that you may write there, then try again."),
                QString::fromUtf8(e.what())};
    } catch (const uf::ModelLoadError& e) {
        return {JobError::tr("The model pack could not be loaded. Choose another model pack in Settings, or reinstall the "
                   "application to restore the default one."),
                QString::fromUtf8(e.what())};
    } catch (const uf::IndexCorruptError& e) {
        return {JobError::tr("The search index is damaged or does not match the catalog. Rebuild it in Tasks → Index."),
                QString::fromUtf8(e.what())};
    } catch (const uf::BadInputError& e) {
        return {JobError::tr("The input was not accepted. Check the file, image or query named in the details and try again."),
                QString::fromUtf8(e.what())};
    } catch (const uf::UsageError& e) {
        return {JobError::tr("This cannot be done with the current settings. Check the values you entered and try again."),
                QString::fromUtf8(e.what())};
    } catch (const uf::PolicyError& e) {
        return {JobError::tr("The catalog's rules do not allow this (for example, approving your own output). Ask another "
                   "reviewer, or change the rule in the catalog settings."),
                QString::fromUtf8(e.what())};
    } catch (const uf::Error& e) {
        return {JobError::tr("The operation failed. The details below say what went wrong; fix it and try again."),
                QString::fromUtf8(e.what())};
    } catch (const std::bad_alloc&) {
        return {JobError::tr("The computer ran out of memory. Close other applications or use smaller settings, then try again."),
                QString()};
    } catch (const std::exception& e) {
        return {JobError::tr("An unexpected error occurred. Try again; if it happens again, restart the application."),
                QString::fromUtf8(e.what())};
    } catch (...) {
        return {JobError::tr("An unexpected error occurred. Try again; if it happens again, restart the application."), QString()};
    }
}

QThreadPool* jobPool()
{
    static QThreadPool* pool = [] {
        auto* p = new QThreadPool;
        p->setMaxThreadCount(2);
        return p;
    }();
    return pool;
}

QThreadPool* ioPool()
{
    static QThreadPool* pool = [] {
        auto* p = new QThreadPool;
        p->setMaxThreadCount(std::max(2, QThread::idealThreadCount()));
        p->setExpiryTimeout(10000);
        return p;
    }();
    return pool;
}

void shutdownPools()
{
    JobRunner::cancelAll();
    jobPool()->waitForDone();
    ioPool()->waitForDone();
}

namespace {
QSet<JobRunner*>& liveRunners()
{
    static QSet<JobRunner*> runners; // GUI thread only
    return runners;
}
} // namespace

JobRunner::JobRunner(QObject* parent) : QObject(parent) { liveRunners().insert(this); }

JobRunner::~JobRunner()
{
    liveRunners().remove(this);
    // The worker holds only copies (paths, options, the flag), so it can finish on its own.
    if (m_flag)
        m_flag->cancel();
    if (m_running)
        m_future.cancel();
}

bool JobRunner::anyRunning()
{
    for (JobRunner* r : liveRunners())
        if (r->isRunning())
            return true;
    return false;
}

void JobRunner::cancelAll()
{
    for (JobRunner* r : liveRunners())
        r->cancel();
}

void JobRunner::cancel()
{
    if (m_flag)
        m_flag->cancel();
}

void JobRunner::begin(const QString& title, CancelFlag flag, QFutureWatcherBase* watcher)
{
    m_flag = std::move(flag);
    m_title = title;
    m_running = true;
    m_watcher = watcher;
    connect(watcher, &QFutureWatcherBase::progressRangeChanged, this,
            [this](int, int max) { Q_EMIT progressChanged(0, max); });
    connect(watcher, &QFutureWatcherBase::progressValueChanged, this, [this, watcher](int value) {
        Q_EMIT progressChanged(value, watcher->progressMaximum());
    });
    Q_EMIT started(title);
    Q_EMIT runningChanged(true);
}

void JobRunner::end(QFutureWatcherBase* watcher)
{
    if (watcher)
        watcher->deleteLater();
    if (watcher != m_watcher)
        return;
    m_watcher = nullptr;
    m_running = false;
    m_future = {};
    Q_EMIT runningChanged(false);
}

JobPanel::JobPanel(JobRunner* runner, QWidget* parent) : QWidget(parent), m_runner(runner)
{
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    // The bar and Cancel show only while the job runs; the outcome line stays.
    m_running = new QWidget(this);
    auto* row = new QHBoxLayout(m_running);
    row->setContentsMargins(0, 0, 0, 0);
    m_title = new QLabel(this);
    m_bar = new QProgressBar(this);
    m_bar->setRange(0, 1);
    m_bar->setValue(0);
    m_bar->setTextVisible(true);
    m_cancel = new QPushButton(icon(QStringLiteral("cancel")), tr("Cancel"), this);
    m_cancel->setToolTip(tr("Stop the job at the next safe point; what is finished is kept"));
    m_cancel->setEnabled(false);
    row->addWidget(m_title);
    row->addWidget(m_bar, 1);
    row->addWidget(m_cancel);
    layout->addWidget(m_running);
    m_running->hide();
    m_message = new QLabel(this);
    m_message->setWordWrap(true);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_message);

    connect(m_cancel, &QPushButton::clicked, this, [this] {
        m_runner->cancel();
        m_cancel->setEnabled(false);
        m_message->setText(tr("Stopping at the next safe point…"));
    });
    connect(runner, &JobRunner::started, this, [this](const QString& title) {
        m_title->setText(title);
        m_bar->setRange(0, 0); // busy until the job reports a total
        m_cancel->setEnabled(true);
        setMessage(QString());
    });
    connect(runner, &JobRunner::progressChanged, this, [this](qint64 done, qint64 total) {
        if (total <= 0) {
            m_bar->setRange(0, 0);
            return;
        }
        m_bar->setRange(0, static_cast<int>(total));
        m_bar->setValue(static_cast<int>(done));
    });
    connect(runner, &JobRunner::runningChanged, this, [this](bool running) {
        m_running->setVisible(running);
        m_cancel->setEnabled(running);
        if (!running) {
            m_bar->setRange(0, 1);
            m_bar->setValue(m_runner->cancelRequested() ? 0 : 1);
        }
    });
    connect(runner, &JobRunner::failed, this,
            [this](const QString& message, const QString& detail) { setMessage(message, true, detail); });
}

void JobPanel::setMessage(const QString& text, bool isError, const QString& detail)
{
    m_message->setText(detail.isEmpty() || !isError ? text : text + QStringLiteral("\n") + detail);
    m_message->setToolTip(detail);
    setTone(m_message, isError ? Tone::Error : Tone::Normal);
}

QString JobPanel::message() const { return m_message->text(); }

} // namespace uf::ui
