// Generate screen: prompt, optional reference (a product or a photo), count, seed, steps,
// guidance; progress and Cancel; the outputs go to the review queue (Audit), never into the
// catalog. Also "draft a description" for a product (a pending text output).
#pragma once

#include <QWidget>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QListView;
class QPlainTextEdit;
class QPushButton;
class QSpinBox;
class QToolButton;

namespace uf::ui {

class AppContext;
class Banner;
class Chip;
class ImageListModel;
class JobPanel;
class JobRunner;

class GeneratePage : public QWidget {
    Q_OBJECT
public:
    explicit GeneratePage(AppContext* context, QWidget* parent = nullptr);

    QLineEdit* promptField() const { return m_prompt; }
    QSpinBox* countBox() const { return m_count; }
    QSpinBox* seedBox() const { return m_seed; }
    QCheckBox* randomSeed() const { return m_randomSeed; }
    QSpinBox* stepsBox() const { return m_steps; }
    QComboBox* samplerBox() const { return m_sampler; }
    QDoubleSpinBox* guidanceBox() const { return m_guidance; }
    QDoubleSpinBox* strengthBox() const { return m_strength; }
    QCheckBox* draftBox() const { return m_draft; }
    QPushButton* generateButton() const { return m_generate; }
    JobRunner* runner() const { return m_runner; }
    JobPanel* jobPanel() const { return m_panel; }
    ImageListModel* outputs() const { return m_outputs; }
    Banner* banner() const { return m_banner; }
    QPushButton* describeButton() const { return m_describe; }
    QLineEdit* describeSku() const { return m_describeSku; }

    void setReferenceProduct(const QString& sku);
    void setReferenceFile(const QString& path);
    void clearReference();
    void prepareDescription(const QString& sku);
    void start();
    void startDescription();
    void updateAvailability();

Q_SIGNALS:
    void generated(int count);
    void described(const QString& text);
    void openReviewQueue();

private:
    AppContext* m_context;
    Banner* m_banner;
    QLineEdit* m_prompt;
    Chip* m_referenceChip;
    QString m_reference; // SKU or file
    QLineEdit* m_referenceSku;
    QToolButton* m_referencePhoto;
    QSpinBox* m_count;
    QSpinBox* m_seed;
    QCheckBox* m_randomSeed;
    QSpinBox* m_steps;
    QComboBox* m_sampler;       // item data: the sampler's name (model::GenerateRequest::sampler)
    QDoubleSpinBox* m_guidance;
    QDoubleSpinBox* m_strength; // edits only: enabled while a reference is set
    QCheckBox* m_draft;         // skip the model's upscaler (half the side, faster)
    QPushButton* m_generate;
    JobRunner* m_runner;
    JobPanel* m_panel;
    ImageListModel* m_outputs;
    QListView* m_outputView;
    QLabel* m_outputNote;
    QLineEdit* m_describeSku;
    QComboBox* m_describeLang;
    QPushButton* m_describe;
    JobRunner* m_describeRunner;
    JobPanel* m_describePanel;
    QPlainTextEdit* m_describeText;
};

} // namespace uf::ui
