using System.Collections.Immutable;

namespace CriterionCheck.Tests.Kernel.Tampering;

/// <summary>
/// The specs whose genuine evidence the kernel tests re-check and tamper with: every catalog spec and a
/// handful of corpus specs chosen for what they exercise (tied parameters, categorical latents, opaque
/// functions, binary products, counts, positive and unit latents, a covariance).
/// </summary>
public static class KernelSpecs
{
    /// <summary>Corpus specs with a "satisfied" certificate to tamper with, chosen for what they exercise.</summary>
    public static readonly ImmutableArray<string> SatisfiedCorpusSpecs =
    [
        "tests/corpus/tied-weights-across-two-layers.model",         // W shared by y and x: one joint group
        "tests/corpus/tied-prior-rate-linear-in-observable.model",    // a prior's parameter tied into the observable
        "tests/corpus/tied-variance-three-factors.model",             // one variance across three factors
        "tests/corpus/mixture-markov-categorical-chain.model",        // two categorical latents, a simplex per row
        "tests/corpus/opaque-logit-linear-last-layer-with-bias.model",// an opaque function with a linear read-out
        "tests/corpus/opaque-logit-scaled-by-parameter.model",        // an opaque function scaled by a parameter
        "tests/corpus/product-three-binary-latents-weighted.model",   // a weighted product of binary latents
        "tests/corpus/latent-counts-binomial-prior-poisson-glm.model",// bounded-count latents
    ];

    /// <summary>Corpus specs (and this folder's test data) with a "violated" witness to tamper with.</summary>
    public static readonly ImmutableArray<string> ViolatedCorpusSpecs =
    [
        "tests/corpus/opaque-logit-binary-latents-fails.model",            // opaque values at two binary points
        "tests/corpus/latent-counts-zero-value-fails.model",               // a count latent
        "tests/corpus/tied-prior-variance-in-logit-fails.model",           // rows from two factors, a real latent
        "tests/corpus/product-three-binary-latents-unweighted-fails.model",// the unweighted binary product
        "tests/corpus/mixture-component-variance-squared-mean-fails.model",// a categorical latent point
        "tests/corpus/variance-additive-positive-latent-fails.model",      // a positive latent
        "tests/corpus/latent-unit-power-probability-fails.model",          // a latent in (0, 1)
        "tests/corpus/nonlinear-critical-point-weight.model",              // a witness at a critical point
        "tests/CriterionCheck.Tests/Kernel/Specs/mvnormal-latent-unit-noise-fails.model", // a simplex and a covariance
    ];

    /// <summary>Every catalog spec (model-specs/*.model), relative to the repository root, sorted.</summary>
    public static ImmutableArray<string> CatalogSpecs { get; } =
        [.. Directory.GetFiles(Path.Combine(TamperingPaths.Root, "model-specs"), "*.model").Select(f => "model-specs/" + Path.GetFileName(f)).Order(StringComparer.Ordinal)];

    /// <summary>Every spec of the corpus: the catalog first, then the corpus picks.</summary>
    public static ImmutableArray<string> All { get; } = [.. CatalogSpecs, .. SatisfiedCorpusSpecs, .. ViolatedCorpusSpecs];

}
