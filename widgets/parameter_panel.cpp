// Construction and two-way binding of the parameter panel's controls.
#include "widgets/parameter_panel.h"

#include <QComboBox>
#include <QDir>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRandomGenerator>
#include <QRegularExpressionValidator>
#include <QSpinBox>
#include <QStackedWidget>
#include <QToolButton>
#include <QVBoxLayout>

#include "widgets/value_slider.h"

namespace milr {
namespace {

void select_data(QComboBox* box, const QVariant& data) {
    const int index = box->findData(data);
    if (index >= 0) box->setCurrentIndex(index);
}

// A combo box whose width does not follow its longest entry (the full text is in the popup and the tooltip).
QComboBox* compact_combo(QWidget* parent) {
    auto* box = new QComboBox(parent);
    box->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    box->setMinimumContentsLength(10);
    return box;
}

QFormLayout* form_layout(QWidget* parent) {
    auto* form = new QFormLayout(parent);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    form->setRowWrapPolicy(QFormLayout::DontWrapRows);
    form->setLabelAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    return form;
}

}  // namespace

ParameterPanel::ParameterPanel(QWidget* parent) : QWidget(parent) {
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);

    auto* modeRow = new QWidget(this);
    auto* modeForm = form_layout(modeRow);
    modeForm->setContentsMargins(0, 0, 0, 0);
    m_mode = compact_combo(modeRow);
    m_mode->addItem(tr("Text and image (both)"), to_string(RunMode::Both));
    m_mode->addItem(tr("Text only"), to_string(RunMode::Text));
    m_mode->addItem(tr("Image only"), to_string(RunMode::Image));
    m_mode->addItem(tr("Best-of-N (baseline)"), to_string(RunMode::BestOfN));
    m_mode->setToolTip(tr("Which latents MILR optimises; Best-of-N samples independent images instead and keeps the best."));
    modeForm->addRow(tr("Mode"), m_mode);
    layout->addWidget(modeRow);

    layout->addWidget(buildMilrGroup());
    layout->addWidget(buildRewardGroup());
    layout->addWidget(buildModelGroup());
    layout->addWidget(buildAdvancedGroup());
    layout->addStretch(1);

    connect(m_mode, &QComboBox::currentIndexChanged, this, &ParameterPanel::emitChanged);
    setSettings(RunSettings());
}

QWidget* ParameterPanel::buildMilrGroup() {
    auto* group = new QGroupBox(tr("Latent optimisation"), this);
    auto* form = form_layout(group);
    m_lambdaT = new ValueSlider(SliderMapping::linear(0.0, 1.0, 100), 2, 0.01, group);
    m_lambdaT->setToolTip(tr("λt: share of the reasoning tokens whose hidden states are optimised (paper: 0.2)."));
    // λv: steps of 0.001 up to 0.1 (the useful range: 0.02 is about 11 of 576 image tokens), 0.01 above.
    m_lambdaV = new ValueSlider(SliderMapping::fine_near_minimum(0.0, 0.1, 100, 1.0, 90), 3, 0.001, group);
    m_lambdaV->setToolTip(tr("λv: share of the image tokens whose hidden states are optimised (paper: 0.02). "
                             "The slider moves in steps of 0.001 up to 0.1 and of 0.01 above."));
    m_learningRate = new ValueSlider(SliderMapping::logarithmic(1e-3, 1e-1, 200), 4, 0.001, group);
    m_learningRate->setToolTip(tr("Adam's learning rate, on a log scale (paper: 0.03)."));
    m_steps = new ValueSlider(SliderMapping::linear(1, 64, 63), 0, 1, group);
    m_steps->setToolTip(tr("Optimisation steps (Best-of-N: samples beyond the first)."));
    form->addRow(tr("λt (text)"), m_lambdaT);
    form->addRow(tr("λv (image)"), m_lambdaV);
    form->addRow(tr("Learning rate"), m_learningRate);
    form->addRow(tr("Steps"), m_steps);
    for (ValueSlider* slider : {m_lambdaT, m_lambdaV, m_learningRate, m_steps})
        connect(slider, &ValueSlider::valueChanged, this, &ParameterPanel::emitChanged);
    return group;
}

QWidget* ParameterPanel::buildRewardGroup() {
    auto* group = new QGroupBox(tr("Reward"), this);
    auto* layout = new QVBoxLayout(group);
    m_reward = compact_combo(group);
    m_reward->addItem(tr("GenEval-Shapes judge"), to_string(RewardKind::GenevalShapes));
    m_reward->addItem(tr("Self-judgement (the model checks its image)"), to_string(RewardKind::SelfJudgement));
    m_reward->addItem(tr("External command"), to_string(RewardKind::ExternalCommand));
    layout->addWidget(m_reward);

    m_rewardPages = new QStackedWidget(group);
    auto* geneval = new QWidget(m_rewardPages);
    auto* genevalForm = form_layout(geneval);
    genevalForm->setContentsMargins(0, 0, 0, 0);
    m_metadataSource = compact_combo(geneval);
    m_metadataSource->addItem(tr("Derived from the prompt text"), to_string(MetadataSource::FromPrompt));
    m_metadataSource->addItem(tr("Given below (JSON)"), to_string(MetadataSource::Given));
    m_metadata = new QPlainTextEdit(geneval);
    m_metadata->setPlaceholderText(tr("{\"tag\": \"color_attr\", \"include\": [{\"class\": \"circle\", \"count\": 1, \"color\": \"red\"}]}"));
    m_metadata->setMaximumHeight(70);
    m_metadata->setVisible(false);
    genevalForm->addRow(tr("Metadata"), m_metadataSource);
    genevalForm->addRow(m_metadata);
    m_rewardPages->addWidget(geneval);

    auto* self = new QLabel(tr("The loaded model looks at its image and answers whether it matches the prompt."), m_rewardPages);
    self->setWordWrap(true);
    m_rewardPages->addWidget(self);

    auto* external = new QWidget(m_rewardPages);
    auto* externalForm = form_layout(external);
    externalForm->setContentsMargins(0, 0, 0, 0);
    m_externalCommand = new QLineEdit(external);
    m_externalCommand->setPlaceholderText(tr("program args… (gets the image path and prompt; prints a reward in [0, 1])"));
    m_externalTimeout = new QSpinBox(external);
    m_externalTimeout->setRange(1, 3600);
    m_externalTimeout->setSuffix(tr(" s"));
    externalForm->addRow(tr("Command"), m_externalCommand);
    externalForm->addRow(tr("Time limit"), m_externalTimeout);
    m_rewardPages->addWidget(external);
    layout->addWidget(m_rewardPages);

    connect(m_reward, &QComboBox::currentIndexChanged, this, [this](int index) {
        showRewardPage(index);
        emitChanged();
    });
    showRewardPage(0);
    connect(m_metadataSource, &QComboBox::currentIndexChanged, this, [this](int) {
        m_metadata->setVisible(m_metadataSource->currentData().toString() == to_string(MetadataSource::Given));
        emitChanged();
    });
    connect(m_metadata, &QPlainTextEdit::textChanged, this, &ParameterPanel::emitChanged);
    connect(m_externalCommand, &QLineEdit::textChanged, this, &ParameterPanel::emitChanged);
    connect(m_externalTimeout, &QSpinBox::valueChanged, this, &ParameterPanel::emitChanged);
    return group;
}

QWidget* ParameterPanel::buildModelGroup() {
    auto* group = new QGroupBox(tr("Model"), this);
    auto* form = form_layout(group);
    auto* modelRow = new QWidget(group);
    auto* modelLayout = new QHBoxLayout(modelRow);
    modelLayout->setContentsMargins(0, 0, 0, 0);
    m_model = compact_combo(modelRow);
    m_model->addItem(tr("Embedded model"), QString());
    m_model->setItemData(0, tr("The small Janus-Pro-architecture model trained on the GenEval-Shapes world, built into the app"), Qt::ToolTipRole);
    auto* open = new QPushButton(tr("Open…"), modelRow);
    open->setToolTip(tr("Open model folder… (a Hugging Face snapshot of Janus-Pro)"));
    modelLayout->addWidget(m_model, 1);
    modelLayout->addWidget(open);
    form->addRow(tr("Model"), modelRow);

    auto* deviceRow = new QWidget(group);
    auto* deviceLayout = new QHBoxLayout(deviceRow);
    deviceLayout->setContentsMargins(0, 0, 0, 0);
    m_device = compact_combo(deviceRow);
    m_device->addItem(tr("CPU"), QStringLiteral("cpu"));
    m_device->addItem(tr("CUDA GPU"), QStringLiteral("cuda"));
    m_precision = compact_combo(deviceRow);
    m_precision->addItem(tr("fp32"), QStringLiteral("fp32"));
    m_precision->addItem(tr("bf16"), QStringLiteral("bf16"));
    deviceLayout->addWidget(m_device, 1);
    deviceLayout->addWidget(m_precision, 1);
    form->addRow(tr("Device"), deviceRow);

    connect(open, &QPushButton::clicked, this, &ParameterPanel::openModelFolderRequested);
    for (QComboBox* box : {m_model, m_device, m_precision})
        connect(box, &QComboBox::currentIndexChanged, this, &ParameterPanel::emitChanged);
    return group;
}

QWidget* ParameterPanel::buildAdvancedGroup() {
    auto* container = new QWidget(this);
    auto* layout = new QVBoxLayout(container);
    layout->setContentsMargins(0, 0, 0, 0);
    m_advancedToggle = new QToolButton(container);
    m_advancedToggle->setText(tr("Advanced"));
    m_advancedToggle->setCheckable(true);
    m_advancedToggle->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_advancedToggle->setArrowType(Qt::RightArrow);
    m_advancedToggle->setAutoRaise(true);
    layout->addWidget(m_advancedToggle);

    m_advanced = new QGroupBox(container);
    auto* form = form_layout(m_advanced);
    auto* seedRow = new QWidget(m_advanced);
    auto* seedLayout = new QHBoxLayout(seedRow);
    seedLayout->setContentsMargins(0, 0, 0, 0);
    m_seed = new QLineEdit(seedRow);
    m_seed->setValidator(new QRegularExpressionValidator(QRegularExpression(QStringLiteral("[0-9]{1,19}")), m_seed));
    auto* dice = new QPushButton(tr("Random"), seedRow);
    seedLayout->addWidget(m_seed, 1);
    seedLayout->addWidget(dice);
    m_cfg = new QDoubleSpinBox(m_advanced);
    m_cfg->setRange(1.0, 20.0);
    m_cfg->setSingleStep(0.5);
    m_cfg->setDecimals(2);
    m_cfg->setToolTip(tr("Classifier-free guidance weight: 5 for Janus-Pro; the embedded model may do better with 3."));
    m_temperature = new QDoubleSpinBox(m_advanced);
    m_temperature->setRange(0.05, 2.0);
    m_temperature->setSingleStep(0.05);
    m_temperature->setDecimals(2);
    m_preset = compact_combo(m_advanced);
    m_preset->addItem(tr("Reference"), to_string(RunPreset::Reference));
    m_preset->addItem(tr("Improved"), to_string(RunPreset::Improved));
    m_preset->setToolTip(tr("Reference: the algorithm as the authors' code runs it. Improved: the project's fixes on top."));
    m_stopThreshold = new QDoubleSpinBox(m_advanced);
    m_stopThreshold->setRange(0.0, 1.0);
    m_stopThreshold->setSingleStep(0.05);
    m_stopThreshold->setDecimals(2);
    m_stopThreshold->setToolTip(tr("The run stops once the reward exceeds this value."));
    form->addRow(tr("Seed"), seedRow);
    form->addRow(tr("CFG weight"), m_cfg);
    form->addRow(tr("Temperature"), m_temperature);
    form->addRow(tr("Preset"), m_preset);
    form->addRow(tr("Stop above reward"), m_stopThreshold);
    layout->addWidget(m_advanced);
    m_advanced->setVisible(false);

    connect(m_advancedToggle, &QToolButton::toggled, this, &ParameterPanel::setAdvancedVisible);
    connect(dice, &QPushButton::clicked, this, [this] {
        m_seed->setText(QString::number(QRandomGenerator::global()->bounded(1u << 31)));
    });
    connect(m_seed, &QLineEdit::textChanged, this, &ParameterPanel::emitChanged);
    for (QDoubleSpinBox* box : {m_cfg, m_temperature, m_stopThreshold})
        connect(box, &QDoubleSpinBox::valueChanged, this, &ParameterPanel::emitChanged);
    connect(m_preset, &QComboBox::currentIndexChanged, this, &ParameterPanel::emitChanged);
    return container;
}

void ParameterPanel::showRewardPage(int index) {
    // Only the current page takes room (a plain QStackedWidget is as tall as its tallest page).
    for (int i = 0; i < m_rewardPages->count(); ++i)
        m_rewardPages->widget(i)->setSizePolicy(QSizePolicy::Preferred, i == index ? QSizePolicy::Preferred : QSizePolicy::Ignored);
    m_rewardPages->setCurrentIndex(index);
    m_rewardPages->adjustSize();
}

void ParameterPanel::setAdvancedVisible(bool visible) {
    m_advanced->setVisible(visible);
    m_advancedToggle->setArrowType(visible ? Qt::DownArrow : Qt::RightArrow);
    if (m_advancedToggle->isChecked() != visible) m_advancedToggle->setChecked(visible);
}

bool ParameterPanel::isAdvancedVisible() const { return m_advancedToggle->isChecked(); }

void ParameterPanel::emitChanged() {
    if (!m_updating) emit settingsChanged();
}

void ParameterPanel::setModelFolder(const QString& folder) {
    if (!folder.isEmpty() && m_model->findData(folder) < 0)
        m_model->addItem(QDir::toNativeSeparators(folder), folder);
    select_data(m_model, folder);
}

RunSettings ParameterPanel::settings() const {
    RunSettings s;
    parse(m_mode->currentData().toString(), s.mode);
    s.lambdaT = m_lambdaT->value();
    s.lambdaV = m_lambdaV->value();
    s.learningRate = m_learningRate->value();
    s.steps = static_cast<int>(m_steps->value());
    bool ok = false;
    const quint64 seed = m_seed->text().toULongLong(&ok);
    s.seed = ok ? seed : RunSettings().seed;
    s.cfgWeight = m_cfg->value();
    s.temperature = m_temperature->value();
    parse(m_preset->currentData().toString(), s.preset);
    s.stopThreshold = m_stopThreshold->value();
    parse(m_reward->currentData().toString(), s.reward);
    parse(m_metadataSource->currentData().toString(), s.metadataSource);
    s.metadataJson = m_metadata->toPlainText();
    s.externalCommand = m_externalCommand->text();
    s.externalTimeoutSeconds = m_externalTimeout->value();
    s.modelFolder = m_model->currentData().toString();
    s.device = m_device->currentData().toString();
    s.precision = m_precision->currentData().toString();
    return s;
}

void ParameterPanel::setSettings(const RunSettings& input) {
    const RunSettings s = input.clamped();
    m_updating = true;
    select_data(m_mode, to_string(s.mode));
    m_lambdaT->setValue(s.lambdaT);
    m_lambdaV->setValue(s.lambdaV);
    m_learningRate->setValue(s.learningRate);
    m_steps->setValue(s.steps);
    m_seed->setText(QString::number(s.seed));
    m_cfg->setValue(s.cfgWeight);
    m_temperature->setValue(s.temperature);
    select_data(m_preset, to_string(s.preset));
    m_stopThreshold->setValue(s.stopThreshold);
    select_data(m_reward, to_string(s.reward));
    select_data(m_metadataSource, to_string(s.metadataSource));
    m_metadata->setPlainText(s.metadataJson);
    m_externalCommand->setText(s.externalCommand);
    m_externalTimeout->setValue(s.externalTimeoutSeconds);
    setModelFolder(s.modelFolder);
    if (m_device->findData(s.device) < 0) m_device->addItem(s.device, s.device);  // e.g. "cuda:1"
    select_data(m_device, s.device);
    select_data(m_precision, s.precision);
    m_updating = false;
}

}  // namespace milr
