// JSON form and validation of the training config.
#include "training/TrainConfig.h"

#include <algorithm>

#include "common/Error.h"
#include "common/JsonReader.h"

#include <set>

namespace uf::training {

namespace {

using nlohmann::json;


using Reader = JsonReader;

json stagesToJson(const std::vector<StageConfig>& stages)
{
    json a = json::array();
    for (const auto& s : stages)
        a.push_back({{"name", s.name}, {"share", s.share}, {"losses", s.losses}});
    return a;
}

std::vector<StageConfig> stagesFromJson(const json& j, const std::string& what)
{
    if (!j.is_array())
        throw BadInputError(what + ": expected a list of stages");
    std::vector<StageConfig> out;
    for (std::size_t i = 0; i < j.size(); ++i) {
        StageConfig s;
        Reader r(j[i], what + "[" + std::to_string(i) + "]");
        r.get("name", s.name);
        r.get("share", s.share);
        r.get("losses", s.losses);
        r.finish();
        out.push_back(std::move(s));
    }
    return out;
}

void require(bool ok, const std::string& message)
{
    if (!ok)
        throw BadInputError(message);
}

} // namespace

TrainConfig::TrainConfig()
{
    // The CPU recipe: the autoencoder first, then alignment alone (retrieval learns fastest without
    // the UNet's cost per step), then everything together while the UNet learns.
    phase1 = {
        {"autoencoder", 0.10, {{"autoencoder", 1.0}}},
        {"align", 0.20, {{"itc", 1.0}, {"itm", 0.5}, {"lm", 1.0}}},
        {"joint", 0.70, {{"itc", 1.0}, {"itm", 0.5}, {"lm", 1.0}, {"diffusion", 1.0}}},
    };
    // Phase 2 keeps a little ITC and captioning, and anchors the text-only conditioning to the
    // phase-1 pack's, so the shared Q-Former does not forget what retrieval, captions and the
    // frozen UNet read from it (docs/MODEL.md: without the anchor generation fell 0.84 -> 0.22),
    // and ranks photos on category and colour (photo loss), which ITC and the composed loss alone let
    // drift once the image embeddings also hold pattern and sleeve (photo->photo 0.89 -> 0.71;
    // with it 0.99). The edit loss weighs 3 (stop 18: edits 0.66 -> 0.73, the category kept 0.81 ->
    // 0.86, retrieval unchanged; 6 gave the same as 3).
    phase2 = {
        {"composed", 1.0, {{"composed", 1.0}, {"edit", 3.0}, {"itc", 0.5}, {"lm", 0.3}, {"anchor", 5.0}, {"photo", 2.0}}},
    };
}

const std::vector<std::string>& lossNames()
{
    static const std::vector<std::string> names = {"autoencoder", "itc", "itm", "lm", "itg", "diffusion", "composed", "edit", "anchor", "attr", "photo", "upscale"};
    return names;
}

void TrainConfig::validate() const
{
    require(batchSize >= 2 && diffusionBatchSize >= 1 && itmBatchSize >= 0, "train: batchSize >= 2, diffusionBatchSize >= 1, itmBatchSize >= 0");
    require(lrAlign > 0 && lrDiffusion > 0 && lrAutoencoder > 0 && lrPhase2 > 0, "train: learning rates must be positive");
    require(weightDecay >= 0 && warmupSteps >= 0 && gradClip >= 0, "train: weightDecay, warmupSteps, gradClip >= 0");
    require(minLrFactor >= 0 && minLrFactor <= 1, "train.minLrFactor must be in [0, 1]");
    require(emaDecay >= 0 && emaDecay < 1, "train.emaDecay must be in [0, 1)");
    require(conditionDrop >= 0 && conditionDrop < 1 && referenceDrop >= 0 && referenceDrop < 1 && editShare >= 0 && editShare <= 1,
            "train: conditionDrop, referenceDrop in [0,1), editShare in [0,1]");
    require(tripletPairShare >= 0 && tripletPairShare <= 1, "train.tripletPairShare must be in [0, 1]");
    require(!photoMatchKeys.empty(), "train.photoMatchKeys needs at least one attribute key");
    for (const auto& [k, w] : attributeWeights)
        require(w >= 0, "train.attributeWeights: the weight of '" + k + "' must be >= 0");
    require(defaultStepsPhase1 > 0 && defaultStepsPhase2 > 0, "train: default step counts must be positive");
    require(packDtype == "float32" || packDtype == "float16", "train.packDtype must be float32 or float16");
    for (int phase : {1, 2}) {
        const auto& st = stages(phase);
        const std::string what = "train.phase" + std::to_string(phase);
        require(!st.empty(), what + ": needs at least one stage");
        double total = 0;
        for (const auto& s : st) {
            require(s.share >= 0, what + ": stage '" + s.name + "' has a negative share");
            total += s.share;
            require(!s.losses.empty(), what + ": stage '" + s.name + "' has no losses");
            for (const auto& [loss, w] : s.losses) {
                require(std::find(lossNames().begin(), lossNames().end(), loss) != lossNames().end(), what + ": stage '" + s.name + "': unknown loss '" + loss + "'");
                require(w >= 0, what + ": stage '" + s.name + "': loss weights must be >= 0");
                if (phase == 2)
                    require(loss != "autoencoder" && loss != "upscale", what + ": the autoencoder and the upscaler are frozen in phase 2");
            }
            if (s.has("autoencoder"))
                require(s.losses.size() == 1, what + ": the autoencoder stage trains the autoencoder alone");
        }
        require(total > 0, what + ": stage shares add up to zero");
    }
}

json TrainConfig::toJson() const
{
    return {{"batchSize", batchSize},
            {"diffusionBatchSize", diffusionBatchSize},
            {"itmBatchSize", itmBatchSize},
            {"lrAlign", lrAlign},
            {"lrDiffusion", lrDiffusion},
            {"lrAutoencoder", lrAutoencoder},
            {"lrPhase2", lrPhase2},
            {"weightDecay", weightDecay},
            {"warmupSteps", warmupSteps},
            {"minLrFactor", minLrFactor},
            {"gradClip", gradClip},
            {"emaDecay", emaDecay},
            {"conditionDrop", conditionDrop},
            {"referenceDrop", referenceDrop},
            {"editShare", editShare},
            {"diffusionTrainsQFormer", diffusionTrainsQFormer},
            {"horizontalFlip", horizontalFlip},
            {"tripletPairShare", tripletPairShare},
            {"attributeKeys", attributeKeys},
            {"photoMatchKeys", photoMatchKeys},
            {"attributeWeights", attributeWeights},
            {"calibrationImages", calibrationImages},
            {"text",
             {{"titleProb", text.titleProb},
              {"descriptionProb", text.descriptionProb},
              {"mixedLanguageProb", text.mixedLanguageProb},
              {"typoProb", text.typoProb},
              {"pieceDropout", text.pieceDropout}}},
            {"phase1", stagesToJson(phase1)},
            {"phase2", stagesToJson(phase2)},
            {"defaultStepsPhase1", defaultStepsPhase1},
            {"defaultStepsPhase2", defaultStepsPhase2},
            {"checkpointMinutes", checkpointMinutes},
            {"logSeconds", logSeconds},
            {"packDtype", packDtype},
            {"tripletKeepKeys", tripletKeepKeys}};
}

TrainConfig TrainConfig::fromJson(const json& j)
{
    TrainConfig c;
    Reader r(j, "train");
    r.get("batchSize", c.batchSize);
    r.get("diffusionBatchSize", c.diffusionBatchSize);
    r.get("itmBatchSize", c.itmBatchSize);
    r.get("lrAlign", c.lrAlign);
    r.get("lrDiffusion", c.lrDiffusion);
    r.get("lrAutoencoder", c.lrAutoencoder);
    r.get("lrPhase2", c.lrPhase2);
    r.get("weightDecay", c.weightDecay);
    r.get("warmupSteps", c.warmupSteps);
    r.get("minLrFactor", c.minLrFactor);
    r.get("gradClip", c.gradClip);
    r.get("emaDecay", c.emaDecay);
    r.get("conditionDrop", c.conditionDrop);
    r.get("referenceDrop", c.referenceDrop);
    r.get("editShare", c.editShare);
    r.get("diffusionTrainsQFormer", c.diffusionTrainsQFormer);
    r.get("horizontalFlip", c.horizontalFlip);
    // Written by earlier cpu-default.json copies; it never had an effect (tripletPairShare does
    // what it named), so it is accepted and ignored.
    int hardNegatives = 0;
    r.get("hardNegatives", hardNegatives);
    r.get("tripletPairShare", c.tripletPairShare);
    r.get("attributeKeys", c.attributeKeys);
    r.get("photoMatchKeys", c.photoMatchKeys);
    r.get("attributeWeights", c.attributeWeights);
    r.get("calibrationImages", c.calibrationImages);
    if (const json* t = r.sub("text")) {
        Reader rt(*t, "train.text");
        rt.get("titleProb", c.text.titleProb);
        rt.get("descriptionProb", c.text.descriptionProb);
        rt.get("mixedLanguageProb", c.text.mixedLanguageProb);
        rt.get("typoProb", c.text.typoProb);
        rt.get("pieceDropout", c.text.pieceDropout);
        rt.finish();
    }
    if (const json* s = r.sub("phase1"))
        c.phase1 = stagesFromJson(*s, "train.phase1");
    if (const json* s = r.sub("phase2"))
        c.phase2 = stagesFromJson(*s, "train.phase2");
    r.get("defaultStepsPhase1", c.defaultStepsPhase1);
    r.get("defaultStepsPhase2", c.defaultStepsPhase2);
    r.get("checkpointMinutes", c.checkpointMinutes);
    r.get("logSeconds", c.logSeconds);
    r.get("packDtype", c.packDtype);
    r.get("tripletKeepKeys", c.tripletKeepKeys);
    r.finish();
    c.validate();
    return c;
}

} // namespace uf::training
