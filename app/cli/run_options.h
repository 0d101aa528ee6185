// The options `milr generate`, `milr optimize` and `milr bench` share: model, device, run parameters, reward.
#pragma once
#include "core/milr/milr_options.h"
#include "core/session/model_bundle.h"
#include "core/session/reward_factory.h"

#include <QCommandLineParser>

namespace milr::cli {

void add_model_options(QCommandLineParser& parser);
void add_run_options(QCommandLineParser& parser);     // mode, lambdas, lr, steps, threshold, seed, cfg, ...
void add_reward_options(QCommandLineParser& parser);  // --reward, --reward-command, --reward-timeout, --metadata

// Loads the model the options name (the embedded model by default), with a progress line.
ModelBundle load_model_from_options(const QCommandLineParser& parser);
// The run parameters (prompt not included); throws UsageError naming a bad option.
MilrOptions run_options_from(const QCommandLineParser& parser);
RewardSpec reward_spec_from(const QCommandLineParser& parser);

}  // namespace milr::cli
