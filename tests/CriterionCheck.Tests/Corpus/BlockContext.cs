namespace CriterionCheck.Tests.Corpus;

/// <summary>
/// What a building block needs to write one factor: the variable it draws, its parent, fresh parameter
/// names for this layer (stem + layer number, so blocks never share a parameter by accident), and the
/// names of the deliberately tied parameters when a tie is in play.
/// </summary>
/// <param name="Spec">The spec being built (declarations go there).</param>
/// <param name="Layer">The factor's layer number, the suffix of its parameter names.</param>
/// <param name="Child">The variable the factor draws.</param>
/// <param name="Parent">The layer it depends on; null for a prior.</param>
/// <param name="TiedVariance">The one variance shared by every tieable block, or null when variances are not tied.</param>
/// <param name="RootVariance">The root prior's variance, which the tie-pattern blocks reuse; null otherwise.</param>
public sealed record BlockContext(SpecBuilder Spec, int Layer, GeneratedLayer Child, GeneratedLayer? Parent, string? TiedVariance, string? RootVariance)
{
    private GeneratedLayer Source => Parent ?? throw new InvalidOperationException("a prior has no parent");

    /// <summary>This layer's name for <paramref name="stem"/>, e.g. <c>W3</c>.</summary>
    public string Own(string stem) => $"{stem}{Layer}";

    /// <summary>Declares a parameter with one entry per element of the child and returns its reference, e.g. <c>b3[i3]</c>.</summary>
    public string PerElement(string stem, string domain)
    {
        var name = Own(stem);
        Spec.Param(name, Child.IsPlate ? [Child.Size!] : [], domain);
        return Child.IsPlate ? $"{name}[{Child.Index}]" : name;
    }

    /// <summary>Declares a scalar parameter shared by the child's plate and returns its name.</summary>
    public string Scalar(string stem, string domain)
    {
        var name = Own(stem);
        Spec.Param(name, [], domain);
        return name;
    }

    /// <summary>A variance (or scale) homogeneous blocks may share: the tied one when variances are tied, else a fresh scalar.</summary>
    public string Variance(string stem)
    {
        if (TiedVariance is null) return Scalar(stem, "positive");
        Spec.Param(TiedVariance, [], "positive");
        return TiedVariance;
    }

    /// <summary>The root prior's variance (tie patterns only), declared on first use.</summary>
    public string RootVarianceName
    {
        get
        {
            var name = RootVariance ?? throw new InvalidOperationException("no root variance in this spec");
            Spec.Param(name, [], "positive");
            return name;
        }
    }

    /// <summary>
    /// A linear predictor Σ W[i, j] F(parent[j]) with a fresh weight block (squared weights when
    /// <paramref name="squared"/>); degree 1 in W (degree 2 when squared).
    /// </summary>
    public string Linear(string stem = "W", bool squared = false)
    {
        var parent = Source;
        var name = Own(stem);
        var shape = new List<string>();
        if (Child.IsPlate) shape.Add(Child.Size!);
        if (parent.IsPlate) shape.Add(parent.Size!);
        Spec.Param(name, shape, "real");
        string Weight(string? parentIndex)
        {
            var indices = new[] { Child.Index, parentIndex }.OfType<string>().ToList();
            var w = indices.Count == 0 ? name : $"{name}[{string.Join(", ", indices)}]";
            return squared ? $"{w}^2" : w;
        }
        return parent.IsPlate
            ? $"sum({parent.Index} in {parent.Size}, {Weight(parent.Index)} * {parent.Feature(parent.Index)})"
            : $"{Weight(null)} * {parent.Feature(null)}";
    }

    /// <summary>The parent's first feature, F(parent[1]).</summary>
    public string FirstFeature => Source.FirstFeature;

    /// <summary>An unweighted product of the parent's features that is 0 and 1 on the support.</summary>
    public string Product => Source.Product;

    /// <summary>The categorical parent's name (its value 1..C).</summary>
    public string Class => Source.Name;

    /// <summary>Declares a parameter with one entry per (parent class, child element) and returns its reference, e.g. <c>m2[c1, i2]</c>.</summary>
    public string ByClass(string stem, string domain)
    {
        var parent = Source;
        var name = Own(stem);
        Spec.Param(name, Child.IsPlate ? [parent.Categories!, Child.Size!] : [parent.Categories!], domain);
        return Child.IsPlate ? $"{name}[{parent.Name}, {Child.Index}]" : $"{name}[{parent.Name}]";
    }

    /// <summary>A transition matrix T[parent class, child class] (rows simplex) and the slice T[c] for the child's Categorical.</summary>
    public string TransitionRow(string stem)
    {
        var parent = Source;
        var name = Own(stem);
        Spec.Param(name, [parent.Categories!, Child.Categories!], "simplex");
        return $"{name}[{parent.Name}]";
    }

    /// <summary>
    /// Declares an opaque function f(parent; w) with one output per child element (a tanh layer as its
    /// body, for numeric checks) and returns the call, e.g. <c>f3[i3](z2; w3)</c>.
    /// </summary>
    public string OpaqueValue()
    {
        var parent = Source;
        var (f, w) = (Own("f"), Own("w"));
        var shape = new List<string>();
        if (Child.IsPlate) shape.Add(Child.Size!);
        if (parent.IsPlate) shape.Add(parent.Size!);
        Spec.Param(w, shape, "real");
        string Weight(string? parentIndex)
        {
            var indices = new[] { Child.Index, parentIndex }.OfType<string>().ToList();
            return indices.Count == 0 ? w : $"{w}[{string.Join(", ", indices)}]";
        }
        var body = parent.IsPlate
            ? $"sum({parent.Index} in {parent.Size}, {Weight(parent.Index)} * tanh({parent.Feature(parent.Index)}))"
            : $"tanh({Weight(null)} * {parent.Feature(null)})";
        Spec.Function(Child.IsPlate ? $"function {f}[{Child.Index} in {Child.Size}]({parent.Name}; {w}) = {body}" : $"function {f}({parent.Name}; {w}) = {body}");
        return Child.IsPlate ? $"{f}[{Child.Index}]({parent.Name}; {w})" : $"{f}({parent.Name}; {w})";
    }

    /// <summary>
    /// Declares opaque features g[j](parent; w), j in a size of 2, and a learnable read-out V; returns
    /// Σ_j V[i, j] g[j](parent; w), which is degree 1 in V whatever g is.
    /// </summary>
    public string OpaqueReadout()
    {
        var parent = Source;
        var (g, w, v, size, j) = (Own("g"), Own("w"), Own("V"), Own("Q"), Own("j"));
        Spec.Dim(size, 2);
        Spec.Param(w, parent.IsPlate ? [size, parent.Size!] : [size], "real");
        var body = parent.IsPlate
            ? $"tanh(sum({parent.Index} in {parent.Size}, {w}[{j}, {parent.Index}] * {parent.Feature(parent.Index)}))"
            : $"tanh({w}[{j}] * {parent.Feature(null)})";
        Spec.Function($"function {g}[{j} in {size}]({parent.Name}; {w}) = {body}");
        Spec.Param(v, Child.IsPlate ? [Child.Size!, size] : [size], "real");
        var weight = Child.IsPlate ? $"{v}[{Child.Index}, {j}]" : $"{v}[{j}]";
        return $"sum({j} in {size}, {weight} * {g}[{j}]({parent.Name}; {w}))";
    }
}
