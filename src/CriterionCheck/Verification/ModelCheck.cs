using System.Collections.Immutable;
using CriterionCheck.Criterion;
using CriterionCheck.Kernel;
using CriterionCheck.Models;
using CriterionCheck.Symbolics.Core;

namespace CriterionCheck.Verification;

/// <summary>
/// A model's checked verdict: the engine's result at concrete sizes, whose satisfied and violated
/// verdicts stand only on the kernel's proofs, and — when the model has a template — the same verdict
/// for every size: a satisfied certificate lifted to index templates and proved by the template
/// kernel, or a witness whose rows do not depend on the sizes.
/// </summary>
/// <param name="Model">The model at the sizes the concrete check used.</param>
/// <param name="Result">The engine's result at those sizes.</param>
/// <param name="Verdict">The verdict that stands.</param>
/// <param name="Kernel">The kernel's check of the concrete certificate or the witness; null when undecided.</param>
/// <param name="Reason">Why the verdict is undecided, or null.</param>
public sealed record ModelCheck(Model Model, CriterionResult Result, Verdict Verdict, KernelResult? Kernel, string? Reason)
{
    /// <summary>The certificate for every size that the template kernel proved, or null.</summary>
    public Certificate? TemplateCertificate { get; init; }

    /// <summary>The template kernel's result for <see cref="TemplateCertificate"/>, or null.</summary>
    public KernelResult? TemplateKernel { get; init; }

    /// <summary>True when the verdict is proved for every size: a template certificate the template kernel proved.</summary>
    public bool AllSizes { get; init; }

    /// <summary>
    /// True for a violated verdict whose witness rows do not depend on the sizes: the same elements,
    /// latent points and weights exist, and mean the same, at the sizes checked and every larger size.
    /// Smaller sizes are not covered (the witness's elements may not exist there).
    /// </summary>
    public bool WitnessAtLargerSizes { get; init; }

    /// <summary>Why the verdict is not shown for every size, or null when it is (or undecided).</summary>
    public string? SizesReason { get; init; }

    /// <summary>True when the kernel accepted the evidence the verdict stands on.</summary>
    public bool KernelAccepted => Kernel is { Accepted: true };

    /// <summary>What the kernel objected to.</summary>
    public ImmutableArray<string> KernelProblems => Kernel?.Problems ?? [];

    /// <summary>The sizes the concrete check used.</summary>
    public ImmutableArray<Dimension> Sizes => Model.Dimensions;

    /// <summary>The sizes asked for, when they differ from <see cref="Sizes"/> (covered by a proof for every size); else empty.</summary>
    public ImmutableArray<Dimension> RequestedSizes { get; init; } = [];

    /// <summary>
    /// The model at the sizes asked for, when the verdict was carried there from smaller sizes by a proof
    /// for every size (<see cref="RequestedSizes"/>) and that model was built (numeric work needs it); else null.
    /// </summary>
    public Model? RequestedModel { get; init; }

    /// <summary>The model at the sizes asked for: <see cref="RequestedModel"/> when there is one, else <see cref="Model"/>.</summary>
    public Model Target => RequestedModel ?? Model;

    /// <summary>Models with more parameter and factor elements than this are checked concretely only when no template proof covers them.</summary>
    public const long SmallModel = 20_000;

    /// <summary>
    /// Checks the spec at the sizes <paramref name="dims"/> asks for. When the model is large there, it is
    /// checked at the sizes the spec declares instead, and a proof for every size carries the verdict to
    /// the sizes asked for; only when there is none is the large model built and checked itself.
    /// </summary>
    /// <exception cref="Spec.SpecException">The spec is malformed at the sizes used.</exception>
    /// <exception cref="ModelOptionException">An override names no size of the spec.</exception>
    public static ModelCheck Run(Spec.SpecDocument document, IReadOnlyDictionary<string, int> dims)
    {
        if (dims.Count == 0 || SizeEstimate.Elements(document, dims) <= SmallModel) return Run(ModelBuilder.Build(document, dims));
        var declared = SizeEstimate.Declared(document);
        foreach (var name in dims.Keys.Order(StringComparer.Ordinal))
            if (!declared.ContainsKey(name))
                throw new ModelOptionException($"--dims {name}: {document.Source.Name} has no size named {name} (its sizes: {string.Join(", ", declared.Keys)})");
        if (SizeEstimate.Elements(document, declared) <= SmallModel)
        {
            var small = Run(ModelBuilder.Build(document));
            var larger = small.Sizes.All(d => !dims.TryGetValue(d.Name, out var v) || v >= d.Size);
            if (small.AllSizes || (small.WitnessAtLargerSizes && larger))
            {
                var requested = small.Sizes.Select(d => new Dimension(d.Name, dims.TryGetValue(d.Name, out var v) ? v : d.Size)).ToImmutableArray();
                return small with { RequestedSizes = requested };
            }
        }
        return Run(ModelBuilder.Build(document, dims));
    }

    /// <summary>Runs the engine on <paramref name="model"/>; its verdict comes with the kernel's proofs, at its sizes and, where it can, at every size.</summary>
    public static ModelCheck Run(Model model) =>
        model.FactorsAboveConcreteDimension.FirstOrDefault() is { } large ? AtSmallerDimension(model, large) : Concrete(model);

    // The engine and the kernel at the model's own sizes, lifted to every size where the template kernel proves it.
    private static ModelCheck Concrete(Model model)
    {
        var result = CriterionEngine.Solve(model);
        switch (result.Verdict)
        {
            case Verdict.Satisfied:
            {
                // The groups were proved one by one; the whole certificate must also cover the model.
                var structure = CertificateKernel.StructureProblems(model, result.Certificate!);
                var kernel = result.Groups.Select(g => g.Kernel!).Aggregate((a, b) => a.And(b));
                if (structure.Count > 0) kernel = KernelResult.Rejected(structure);
                if (!kernel.Accepted)
                    return new ModelCheck(model, result, Verdict.Undecided, kernel, "the kernel rejected the certificate: " + string.Join("; ", kernel.Problems.Take(3)));
                var lifted = TemplateSolver.Solve(model, result);
                return new ModelCheck(model, result, Verdict.Satisfied, kernel, null)
                {
                    TemplateCertificate = lifted.Certificate,
                    TemplateKernel = lifted.Kernel,
                    AllSizes = lifted.Certificate is not null,
                    SizesReason = lifted.Problem,
                };
            }
            case Verdict.Violated:
            {
                var witness = result.Witness!;
                var independent = IndependentOfSizes(model, witness);
                return new ModelCheck(model, result, Verdict.Violated, result.Groups.First(g => g.Witness is not null).Kernel, null)
                {
                    WitnessAtLargerSizes = independent is null,
                    SizesReason = independent,
                };
            }
            default:
                return new ModelCheck(model, result, Verdict.Undecided, null,
                    string.Join("; ", result.Groups.Where(g => g.Certificate is null && g.Witness is null).Select(g => $"{string.Join(", ", g.Factors)}: {g.Reason}")));
        }
    }

    /// <summary>The dimension a concrete check uses in place of one whose multivariate normal keeps Σ⁻¹ whole.</summary>
    public const int CrossCheckDimension = 3;

    // Above a small dimension the concrete check does not prove a multivariate normal element by element
    // (each entry of Jβ has D² terms). The spec is checked with that dimension lowered; a proof for every
    // size (or a witness that holds at every larger size) carries the verdict to this model. Where the
    // spec cannot be built or shown for every size at the lower dimension (it indexes z[5] literally), the
    // model is checked element by element at its own sizes after all.
    private static ModelCheck AtSmallerDimension(Model model, Factor large)
    {
        if (model.Document is null) return Concrete(model);
        var declared = SizeEstimate.Declared(model.Document);
        var matrixAxes = model.FactorsAboveConcreteDimension.SelectMany(f => f.Axes.Where(a => !a.IsPlate)).Select(a => a.Dimension.Name).ToHashSet(StringComparer.Ordinal);
        Dictionary<string, int> With(Func<int, int> dimension) =>
            declared.ToDictionary(p => p.Key, p => matrixAxes.Contains(p.Key) ? dimension(p.Value) : p.Value, StringComparer.Ordinal);
        var limit = Families.MultivariateNormalFamily.ConcreteCheckDimension;
        // The declared dimension where it is small enough, else the cross-check dimension; then that one.
        var attempts = new[] { With(d => d <= limit ? d : CrossCheckDimension), With(_ => CrossCheckDimension) }
            .DistinctBy(a => string.Join(",", a.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}")));
        var tried = new List<string>();
        foreach (var sizes in attempts)
        {
            tried.Add(string.Join(", ", matrixAxes.Order(StringComparer.Ordinal).Select(a => $"{a} = {sizes[a]}")));
            Model small;
            try { small = ModelBuilder.Build(model.Document, sizes); }
            catch (Spec.SpecException) { continue; } // the spec does not exist at these sizes
            var check = Concrete(small);
            var larger = check.Sizes.All(d => model.Dimensions.First(m => m.Name == d.Name).Size >= d.Size);
            if (check.AllSizes || (check.WitnessAtLargerSizes && larger))
                return check with { RequestedSizes = model.Dimensions, RequestedModel = model };
        }
        var dimension = large.Axes.First(a => !a.IsPlate).Dimension;
        if (dimension.Size <= ElementwiseDimension) return Concrete(model);
        return new ModelCheck(model, new CriterionResult(Verdict.Undecided, [], null), Verdict.Undecided, null,
            $"{large.Variable} ~ MvNormal at {dimension.Name} = {dimension.Size}: neither a check at {string.Join(" or ", tried)} carried by a proof for every size, " +
            $"nor an element-by-element check at this dimension (done up to {dimension.Name} = {ElementwiseDimension}), decides it");
    }

    /// <summary>The largest dimension at which a multivariate normal is checked element by element when no smaller check carries the verdict.</summary>
    public const int ElementwiseDimension = 8;

    // A witness holds at every size when its rows' natural parameters involve no sum over a size and no
    // size: then the same elements, latent points and weights exist, and mean the same, at every size.
    private static string? IndependentOfSizes(Model model, Witness witness)
    {
        if (model.Template is null) return $"the model has no template for all sizes ({model.TemplateProblem})";
        var sizes = model.Dimensions.Select(d => d.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var row in witness.Rows)
        {
            // A split template (an index over a whole simplex axis) has the row's natural in both pieces.
            var tf = model.Template.Factor(row.Factor);
            // A multivariate normal's rows are entries of D-dimensional matrices: their meaning changes with D.
            if (tf.Matrix is not null) return $"the witness's rows of {row.Factor} are entries of matrices whose dimension is a size";
            Expr[] etas = tf.Cases.IsEmpty ? [tf.NaturalParameters[row.Natural]] : [tf.NaturalParameters[row.Natural], tf.NaturalParameters[row.Natural + tf.PieceLength]];
            if (etas.Any(eta => Contains<IndexedSum>(eta) || eta.Symbols().Any(s => s.Indices.IsEmpty && sizes.Contains(s.Name))))
                return $"the witness's rows of {row.Factor} sum over a size or use one";
        }
        return null;
    }

    private static bool Contains<T>(Expr e) where T : Expr => e is T || e.Children.Any(Contains<T>);

    /// <summary>True when the verdict is the one the spec's <c>expect</c> claims, or the spec makes no claim.</summary>
    public bool AsExpected => Model.ExpectSatisfied is not { } claim || Verdict == (claim ? Verdict.Satisfied : Verdict.Violated);
}
