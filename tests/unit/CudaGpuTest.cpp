// The CUDA path: a few training steps and an embedding on the GPU. Skips (exit 77 / QSKIP) where
// libtorch sees no CUDA device, which is every machine without a GPU and every CPU-only libtorch.
#include "TinyCatalog.h"
#include "TestSupport.h"

#include "model/UnifiedModel.h"
#include "model_io/ModelPack.h"

#include <QtTest>

class CudaGpuTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void trainAndEmbedOnCuda()
    {
        if (!uf::model::cudaAvailable())
            QSKIP("no CUDA device visible to libtorch");
        uftest::TempDir dir;
        uftest::makeTinyCatalog(dir / "catalog");
        const auto out = uftest::trainTiny(dir / "catalog", dir / "pack", 1, 12, std::nullopt, {}, /*cuda=*/true);
        QCOMPARE(out.status, uf::JobStatus::Completed);
        QCOMPARE(uf::model_io::readAndVerify(dir / "pack").training.value("device", ""), std::string("cuda"));
        const auto p2 = uftest::trainTiny(dir / "catalog", dir / "pack2", 2, 4, dir / "pack", {}, /*cuda=*/true);
        QCOMPARE(p2.status, uf::JobStatus::Completed);

        auto gpu = uf::model::UnifiedModel::load(dir / "pack2", uf::model::Device::Cuda);
        auto cpu = uf::model::UnifiedModel::load(dir / "pack2", uf::model::Device::Cpu);
        const auto img = uftest::drawGarment("dress", "red", "plain", 0);
        const auto eg = gpu->embedImages({img});
        const auto ec = cpu->embedImages({img});
        QCOMPARE(eg.size(), std::size_t(1));
        double maxDiff = 0;
        for (std::size_t i = 0; i < eg[0].data.size(); ++i)
            maxDiff = std::max(maxDiff, double(std::abs(eg[0].data[i] - ec[0].data[i])));
        QVERIFY2(maxDiff < 1e-3, std::to_string(maxDiff).c_str());
        const auto t = gpu->embedText("red dress");
        QCOMPARE(t.dim, 32);
        uf::model::GenerateRequest r;
        r.prompt = "red dress";
        r.count = 2;
        r.steps = 4;
        QCOMPARE(gpu->generate(r).size(), std::size_t(2));
        // The same seed gives the same noise on CPU and GPU (drawn on a CPU generator).
        (void)gpu->caption(img, "en");
    }
};

QTEST_GUILESS_MAIN(CudaGpuTest)
#include "CudaGpuTest.moc"
