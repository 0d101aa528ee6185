// Construction and two-way binding of the parameter panel's controls.
#include "widgets/parameter_panel.h"

#include <algorithm>

#include <QComboBox>
#include <QDir>
#include <QFile>
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

#include "core/hub/hub_cache.h"
#include "core/milr/parameter_table.h"
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

// The spin box takes the parameter's range from the one range table.
void set_range(QDoubleSpinBox* box, RunParameter parameter) {
    const ParameterRange& row = parameter_range(parameter);
    box->setRange(row.min, row.max);
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
    m_mode->addItem(tr("Text and image (both)"), static_cast<int>(MilrMode::both));
    m_mode->addItem(tr("Text only"), static_cast<int>(MilrMode::text));
    m_mode->addItem(tr("Image only"), static_cast<int>(MilrMode::image));
    m_mode->addItem(tr("Best-of-N (baseline)"), static_cast<int>(MilrMode::best_of_n));
    m_mode->setToolTip(
        tr("Which latents MILR optimises; Best-of-N samples independent images instead and keeps the best."));
    modeForm->addRow(tr("Mode"), m_mode);
    layout->addWidget(modeRow);

    layout->addWidget(buildMilrGroup());
    layout->addWidget(buildRewardGroup());
    layout->addWidget(buildModelGroup());
    layout->addWidget(buildAdvancedGroup());
    layout->addStretch(1);

    connect(m_mode, &QComboBox::currentIndexChanged, this, &ParameterPanel::emitChanged);
    setSettings(RunDescription());
}

QWidget* ParameterPanel::buildMilrGroup() {
    auto* group = new QGroupBox(tr("Latent optimisation"), this);
    auto* form = form_layout(group);
    m_lambdaT = new ValueSlider(SliderMapping::linear(0.0, 1.0, 100), 2, 0.01, group);
    m_lambdaT->setToolTip(tr("λt: share of the reasoning tokens whose hidden states are optimised (paper: 0.2)."));
    // λv: steps of 0.001 up to 0.1 (the useful range: 0.02 is about 11 of 576 image tokens), 0.01 above.
    m_lambdaV = new ValueSlider(SliderMapping::fine_near_minimum(0.0, 0.1, 100, 1.0, 90), 3, 0.001, group);
    m_lambdaV->setToolTip(
        tr("λv: share of the image tokens whose hidden states are optimised (paper: 0.02). "
           "The slider moves in steps of 0.001 up to 0.1 and of 0.01 above."));
    const ParameterRange& lr = parameter_range(RunParameter::learning_rate);
    // Log scale from 0.0001; the slider's first position is 0 (the control run that never moves the latents).
    m_learningRate =
        new ValueSlider(SliderMapping::logarithmic(std::max(lr.min, 1e-4), lr.max, 201, true), 4, 0.0001, group);
    m_learningRate->setToolTip(
        tr("Adam's learning rate, on a log scale (paper: 0.03). 0 re-samples without moving the latents."));
    const ParameterRange& steps = parameter_range(RunParameter::steps);
    m_steps = new ValueSlider(SliderMapping::linear(steps.min, steps.max, static_cast<int>(steps.max - steps.min)), 0,
                              1, group);
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
    m_reward->addItem(tr("GenEval-Shapes judge"), static_cast<int>(RewardKind::judge));
    m_reward->addItem(tr("Self-judgement (the model checks its image)"), static_cast<int>(RewardKind::self));
    m_reward->addItem(tr("External command"), static_cast<int>(RewardKind::external));
    m_reward->addItem(tr("GenEval-Shapes judge, pass or fail"), static_cast<int>(RewardKind::judge_binary));
    m_reward->addItem(tr("Judge and self-judgement"), static_cast<int>(RewardKind::judge_plus_self));
    layout->addWidget(m_reward);

    m_rewardPages = new QStackedWidget(group);
    auto* geneval = new QWidget(m_rewardPages);
    auto* genevalForm = form_layout(geneval);
    genevalForm->setContentsMargins(0, 0, 0, 0);
    m_metadataSource = compact_combo(geneval);
    m_metadataSource->addItem(tr("Derived from the prompt text"), false);
    m_metadataSource->addItem(tr("Given below (JSON)"), true);
    m_metadata = new QPlainTextEdit(geneval);
    m_metadata->setPlaceholderText(
        tr("{\"tag\": \"color_attr\", \"include\": [{\"class\": \"circle\", \"count\": 1, \"color\": \"red\"}]}"));
    m_metadata->setMaximumHeight(70);
    m_metadata->setVisible(false);
    genevalForm->addRow(tr("Metadata"), m_metadataSource);
    genevalForm->addRow(m_metadata);
    m_rewardPages->addWidget(geneval);

    auto* self =
        new QLabel(tr("The loaded model looks at its image and answers whether it matches the prompt."), m_rewardPages);
    self->setWordWrap(true);
    m_rewardPages->addWidget(self);

    auto* external = new QWidget(m_rewardPages);
    auto* externalForm = form_layout(external);
    externalForm->setContentsMargins(0, 0, 0, 0);
    m_externalCommand = new QLineEdit(external);
    m_externalCommand->setPlaceholderText(
        tr("program args… (gets the image path and prompt; prints a reward in [0, 1])"));
    m_externalTimeout = new QDoubleSpinBox(external);
    set_range(m_externalTimeout, RunParameter::reward_timeout);
    m_externalTimeout->setDecimals(1);
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
        m_metadata->setVisible(m_metadataSource->currentData().toBool());
        emitChanged();
    });
    connect(m_metadata, &QPlainTextEdit::textChanged, this, &ParameterPanel::emitChanged);
    connect(m_externalCommand, &QLineEdit::textChanged, this, &ParameterPanel::emitChanged);
    connect(m_externalTimeout, &QDoubleSpinBox::valueChanged, this, &ParameterPanel::emitChanged);
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
    m_model->setItemData(
        0, tr("The small Janus-Pro-architecture model trained on the GenEval-Shapes world, built into the app"),
        Qt::ToolTipRole);
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
    set_range(m_cfg, RunParameter::cfg_weight);
    m_cfg->setSingleStep(0.5);
    m_cfg->setDecimals(2);
    m_cfg->setToolTip(tr("Classifier-free guidance weight: 5 for Janus-Pro; the embedded model may do better with 3."));
    m_temperature = new QDoubleSpinBox(m_advanced);
    set_range(m_temperature, RunParameter::temperature);
    m_temperature->setSingleStep(0.05);
    m_temperature->setDecimals(2);
    m_preset = compact_combo(m_advanced);
    m_preset->addItem(tr("Reference"), QStringLiteral("reference"));
    m_preset->addItem(tr("Improved"), QStringLiteral("improved"));
    m_preset->setToolTip(
        tr("Reference: the algorithm as the authors' code runs it. Improved: the project's fixes on top."));
    m_estimator = compact_combo(m_advanced);
    m_estimator->addItem(tr("Authors' loss"), static_cast<int>(Estimator::authors));
    m_estimator->addItem(tr("REINFORCE with baseline"), static_cast<int>(Estimator::reinforce));
    m_estimator->setToolTip(
        tr("Authors' loss: (1 - reward) × log p of the current argmax tokens (every step pushes them down). "
           "REINFORCE: (reward - mean of the earlier rewards) × log p of the tokens the run used, the paper's "
           "estimator."));
    m_direction = compact_combo(m_advanced);
    m_direction->addItem(tr("Gradient"), static_cast<int>(UpdateDirection::gradient));
    m_direction->addItem(tr("Random (control)"), static_cast<int>(UpdateDirection::random));
    m_direction->setToolTip(
        tr("Random: the latents move along a seeded random direction with the gradient's norm, a control that "
           "shows what the gradient's direction adds."));
    m_sampleSource = compact_combo(m_advanced);
    m_sampleSource->addItem(tr("The run's reasoning"), static_cast<int>(SampleSource::same_reasoning));
    m_sampleSource->addItem(tr("A reasoning per sample"), static_cast<int>(SampleSource::sampled_reasoning));
    m_sampleSource->addItem(tr("The prompt alone"), static_cast<int>(SampleSource::prompt_only));
    m_sampleSource->setToolTip(tr("What each Best-of-N sample is drawn from."));
    m_stopThreshold = new QDoubleSpinBox(m_advanced);
    set_range(m_stopThreshold, RunParameter::reward_threshold);
    m_stopThreshold->setSingleStep(0.05);
    m_stopThreshold->setDecimals(2);
    m_stopThreshold->setToolTip(tr("The run stops once the reward exceeds this value."));
    form->addRow(tr("Seed"), seedRow);
    form->addRow(tr("CFG weight"), m_cfg);
    form->addRow(tr("Temperature"), m_temperature);
    form->addRow(tr("Preset"), m_preset);
    form->addRow(tr("Estimator"), m_estimator);
    form->addRow(tr("Update"), m_direction);
    form->addRow(tr("Best-of-N from"), m_sampleSource);
    form->addRow(tr("Stop above reward"), m_stopThreshold);
    layout->addWidget(m_advanced);
    m_advanced->setVisible(false);

    connect(m_advancedToggle, &QToolButton::toggled, this, &ParameterPanel::setAdvancedVisible);
    connect(dice, &QPushButton::clicked, this,
            [this] { m_seed->setText(QString::number(QRandomGenerator::global()->bounded(1u << 31))); });
    connect(m_seed, &QLineEdit::textChanged, this, &ParameterPanel::emitChanged);
    for (QDoubleSpinBox* box : {m_cfg, m_temperature, m_stopThreshold})
        connect(box, &QDoubleSpinBox::valueChanged, this, &ParameterPanel::emitChanged);
    for (QComboBox* box : {m_preset, m_estimator, m_direction, m_sampleSource})
        connect(box, &QComboBox::currentIndexChanged, this, &ParameterPanel::emitChanged);
    return container;
}

void ParameterPanel::showRewardPage(int rewardIndex) {
    // Pages: the judge's metadata (every reward that uses the judge), self-judgement, the external command.
    const auto kind = static_cast<RewardKind>(m_reward->itemData(rewardIndex).toInt());
    const int index = kind == RewardKind::self ? 1 : kind == RewardKind::external ? 2 : 0;
    // Only the current page takes room (a plain QStackedWidget is as tall as its tallest page).
    for (int i = 0; i < m_rewardPages->count(); ++i)
        m_rewardPages->widget(i)->setSizePolicy(QSizePolicy::Preferred,
                                                i == index ? QSizePolicy::Preferred : QSizePolicy::Ignored);
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
    if (!folder.isEmpty() && m_model->findData(folder) < 0) {
        // A Hub cache snapshot by its model's name (its own folder is a commit hash), with the path as the tooltip.
        const QString hubName =
            QString::fromStdString(hub_model_name_of_snapshot(QFile::encodeName(folder).toStdString()));
        m_model->addItem(hubName.isEmpty() ? QDir::toNativeSeparators(folder) : hubName, folder);
        m_model->setItemData(m_model->count() - 1, QDir::toNativeSeparators(folder), Qt::ToolTipRole);
    }
    select_data(m_model, folder);
}

RunDescription ParameterPanel::settings() const {
    RunDescription s = m_shown;  // keeps what no control shows (e.g. the longest reasoning of a file's run)
    MilrOptions& o = s.milr;
    o.prompt.clear();
    apply_preset(o, m_preset->currentData().toString().toStdString());
    o.mode = static_cast<MilrMode>(m_mode->currentData().toInt());
    o.lambda_text = m_lambdaT->value();
    o.lambda_image = m_lambdaV->value();
    o.learning_rate = m_learningRate->value();
    o.steps = static_cast<int>(m_steps->value());
    bool ok = false;
    const quint64 seed = m_seed->text().toULongLong(&ok);
    o.seed = ok ? seed : MilrOptions().seed;
    o.cfg_weight = m_cfg->value();
    o.temperature = m_temperature->value();
    o.reward_threshold = m_stopThreshold->value();
    o.estimator = static_cast<Estimator>(m_estimator->currentData().toInt());
    o.update_direction = static_cast<UpdateDirection>(m_direction->currentData().toInt());
    o.sample_source = static_cast<SampleSource>(m_sampleSource->currentData().toInt());
    RewardSpec& r = s.reward;
    const auto chosen = static_cast<RewardKind>(m_reward->currentData().toInt());
    r.kind = chosen;
    r.metadata_given = m_metadataSource->currentData().toBool();
    r.metadata_json = m_metadata->toPlainText().toStdString();
    r.command_line = m_externalCommand->text().toStdString();
    r.timeout_s = m_externalTimeout->value();
    s.model.folder = m_model->currentData().toString().toStdString();
    s.model.device = m_device->currentData().toString().toStdString();
    s.model.precision = m_precision->currentData().toString().toStdString();
    return s;
}

void ParameterPanel::setSettings(const RunDescription& input) {
    const RunDescription s = clamped(input);
    m_shown = s;
    const MilrOptions& o = s.milr;
    m_updating = true;
    select_data(m_mode, static_cast<int>(o.mode));
    m_lambdaT->setValue(o.lambda_text);
    m_lambdaV->setValue(o.lambda_image);
    m_learningRate->setValue(o.learning_rate);
    m_steps->setValue(o.steps);
    m_seed->setText(QString::number(o.seed));
    m_cfg->setValue(o.cfg_weight);
    m_temperature->setValue(o.temperature);
    select_data(m_preset, qs(o.preset));
    select_data(m_estimator, static_cast<int>(o.estimator));
    select_data(m_direction, static_cast<int>(o.update_direction));
    select_data(m_sampleSource, static_cast<int>(o.sample_source));
    m_stopThreshold->setValue(o.reward_threshold);
    select_data(m_reward, static_cast<int>(s.reward.kind));
    select_data(m_metadataSource, s.reward.metadata_given);
    m_metadata->setPlainText(qs(s.reward.metadata_json));
    m_externalCommand->setText(qs(s.reward.command_line));
    m_externalTimeout->setValue(s.reward.timeout_s);
    setModelFolder(qs(s.model.folder));
    const QString device = qs(s.model.device);
    if (m_device->findData(device) < 0) m_device->addItem(device, device);  // e.g. "cuda:1"
    select_data(m_device, device);
    select_data(m_precision, qs(s.model.precision));
    m_updating = false;
}

}  // namespace milr
