using System.Text.Json.Nodes;
using CriterionCheck.Kernel;
using CriterionCheck.Symbolics.Core;
using CriterionCheck.Symbolics.ZeroTesting;

namespace CriterionCheck.Tests.Templates;

/// <summary>
/// The coefficients for every size that the tool prints for each satisfied catalog spec, against the
/// paper's, derived by hand below. Two rules give almost all of them:
/// <list type="bullet">
/// <item>a natural parameter that is the parameter itself through a link g, η = g(θ), has J = g′(θ) and
///       β = g(θ)/g′(θ): logit gives β = θ(1 − θ) logit θ (Bernoulli), log gives β = θ log θ (Poisson);</item>
/// <item>η homogeneous of degree k in θ, η(λθ) = λᵏη, has J θ = k η by Euler, so β = θ/k: k = 1 for
///       linear predictors (β_W = W, β_μ = μ), k = −1 for a variance or a scale (β_σ² = −σ²).</item>
/// </list>
/// The Gamma's shape has η₁ = α − 1 with J = 1, so β_α = α − 1, and its rate η₂ = −β has J = −1, so
/// β_β = β (paper Sec. 4.1). The categorical α is paper Eq. 45: α_i = π_i(log π_i + H[π]).
/// </summary>
public class PaperTemplateCoefficientTests
{
    // One coefficient: the group's factor and θ, the key, the value as the tool prints it, and the value
    // written by hand (in the same index names, in whatever order the derivation gives it).
    public sealed record Paper(string Factor, string Theta, string Key, string Printed, string ByHand);

    // H[π] over all C weights (the reader splits off the last one), and the tool's printed form of α.
    private const string CategoricalByHand = "pi[c]*(log(pi[c]) - sum(j in C, pi[j]*log(pi[j])))";
    private const string CategoricalPrinted = "pi[c]*(log(pi[c]) - log(1 - sum(c2 in C - 1, pi[c2]))*(1 - sum(c2 in C - 1, pi[c2])) - sum(j in C - 1, pi[j]*log(pi[j])))";
    private static readonly Paper Categorical = new("c", "pi", "pi[c]", CategoricalPrinted, CategoricalByHand);

    // Bernoulli(π_h) prior: ζ = logit π_h, J = 1/(π_h(1 − π_h)), α = π_h(1 − π_h) logit π_h.
    private static Paper BernoulliPrior(string factor, string index) =>
        new(factor, "pi", $"pi[{index}]", $"pi[{index}]*logit(pi[{index}])*(1 - pi[{index}])", $"(1 - pi[{index}])*pi[{index}]*logit(pi[{index}])");

    // Normal(0, λ_h) prior: ζ = (0, −1/(2λ_h)), homogeneous of degree −1 in λ: α = −λ_h. Same for Laplace(b_h): ζ = −1/b_h.
    private static Paper ScalePrior(string factor, string block, string index) => new(factor, block, $"{block}[{index}]", $"-{block}[{index}]", $"-1*{block}[{index}]");

    // A linear predictor Σ W z + μ: homogeneous of degree 1 in (W, μ): β = (W, μ).
    private static Paper[] Linear(string factor, string weights, string weightKey, string bias, string biasKey) =>
    [
        new(factor, $"{weights} {bias}", weightKey, weightKey, $"({weightKey} + {weightKey})/2"),
        new(factor, $"{weights} {bias}", biasKey, biasKey, $"1*{biasKey}"),
    ];

    // A Gaussian observable with scalar variance: η = (m/σ², −1/(2σ²)) is homogeneous of degree −1 in σ² (m held): β = −σ².
    private static readonly Paper ScalarVariance = new("x", "sigma2", "sigma2", "-sigma2", "-sigma2");

    public static readonly Dictionary<string, Paper[]> Table = new()
    {
        ["sigmoid-belief-net.model"] = [BernoulliPrior("z", "h"), .. Linear("x", "W", "W[d,h]", "mu", "mu[d]")],
        ["sigmoid-belief-net-2layer.model"] = [BernoulliPrior("z", "h"), .. Linear("y", "M", "M[i,h]", "nu", "nu[i]"), .. Linear("x", "W", "W[d,i]", "mu", "mu[d]")],
        ["sigmoid-belief-net-3layer.model"] =
        [
            BernoulliPrior("z1", "h1"), .. Linear("z2", "W1", "W1[h2,h1]", "b1", "b1[h2]"), .. Linear("z3", "W2", "W2[h3,h2]", "b2", "b2[h3]"),
            .. Linear("x", "W", "W[d,h3]", "mu", "mu[d]"),
        ],
        // Props. 2–3: f(z; w) opaque, so w stays out of θ; the variances carry β = −σ².
        ["gaussian-decoder.model"] = [ScalePrior("z", "lambda", "h"), ScalarVariance],
        ["gaussian-decoder-diagonal.model"] = [ScalePrior("z", "lambda", "h"), new("x", "sigma2", "sigma2[d]", "-sigma2[d]", "-sigma2[d]")],
        ["probabilistic-pca.model"] = [ScalePrior("z", "lambda", "h"), ScalarVariance],
        ["factor-analysis.model"] = [ScalePrior("z", "lambda", "h"), new("x", "psi", "psi[d]", "-psi[d]", "-psi[d]")],
        // Prop. 4: η = (Σ⁻¹μ, −½Σ⁻¹) is homogeneous of degree −1 in Σ (μ held): β_Σ = −Σ, β_μ = 0.
        ["gaussian-mixture.model"] = [Categorical, new("x", "Sigma", "Sigma[c,d,d2]", "-Sigma[c,d,d2]", "-Sigma[c,d,d2]")],
        ["gamma-mixture.model"] = [Categorical, new("x", "alpha beta", "alpha[c]", "alpha[c] - 1", "-1 + alpha[c]"), new("x", "alpha beta", "beta[c]", "beta[c]", "beta[c]")],
        // Sec. 4.2: η = log λ, J = 1/λ: β = λ log λ.
        ["poisson-mixture.model"] = [Categorical, new("x", "lambda", "lambda[c,d]", "lambda[c,d]*log(lambda[c,d])", "log(lambda[c,d])*lambda[c,d]")],
        ["bernoulli-mixture.model"] = [Categorical, new("x", "p", "p[c,d]", "p[c,d]*logit(p[c,d])*(1 - p[c,d])", "p[c,d]*(1 - p[c,d])*(log(p[c,d]) - log(1 - p[c,d]))")],
        ["binary-sparse-coding.model"] = [BernoulliPrior("z", "h"), ScalarVariance],
        ["laplace-sparse-coding.model"] = [ScalePrior("z", "b", "h"), ScalarVariance],
        // The linear last layer outside the opaque g: η = Σ_k V[d,k] g_k + b[d] is linear in (V, b).
        ["vae-bernoulli-linear.model"] = [ScalePrior("z", "lambda", "h"), .. Linear("x", "V", "V[d,k]", "b", "b[d]")],
        // Theorem 2: the log-link Poisson has η = Σ W z + b.
        ["poisson-glm.model"] = [ScalePrior("z", "lambda", "h"), .. Linear("x", "W", "W[d,h]", "b", "b[d]")],
        // z ~ N(m[c,h], λ[c,h]): η = (m/λ, −1/(2λ)) is homogeneous of degree −1 in λ (m held): β_λ = −λ, β_m = 0.
        ["mixture-prior.model"] = [Categorical, ScalePrior("z", "lambda", "c,h"), ScalarVariance],
    };

    public static TheoryData<string> Specs => [.. Table.Keys];

    [Fact]
    public void The_table_covers_every_satisfied_catalog_spec()
    {
        Assert.Equal(TemplateCatalog.Satisfied.Order(), Table.Keys.Order());
        foreach (var spec in TemplateCatalog.Satisfied) Assert.True(TemplateCatalog.Check(spec).AllSizes, $"{spec} is not proved for every size");
    }

    [Theory]
    [MemberData(nameof(Specs))]
    public void The_tool_prints_the_papers_coefficients_for_every_size(string spec)
    {
        var certificate = TemplateCatalog.Genuine(spec);
        var printed = certificate.Groups.SelectMany(g => g.Coefficients.Select(c => $"{string.Join(" ", g.Factors)} | {string.Join(" ", g.Theta)} | {c.Key} = {c.Value}")).Order().ToList();
        var expected = Table[spec].Select(p => $"{p.Factor} | {p.Theta} | {p.Key} = {p.Printed}").Order().ToList();
        Assert.Equal(expected, printed);
        // Every factor is in exactly one group, and the groups are the factors' own (no ties in the catalog's satisfied specs).
        Assert.Equal(TemplateCatalog.Model(spec).Factors.Select(f => f.Variable).Order(), certificate.Groups.SelectMany(g => g.Factors).Order());
    }

    [Theory]
    [MemberData(nameof(Specs))]
    public void The_coefficients_derived_by_hand_are_proved_for_every_size_and_equal_the_tools(string spec)
    {
        var model = TemplateCatalog.Model(spec);
        var groups = new JsonArray();
        foreach (var byFactor in Table[spec].GroupBy(p => p.Factor))
        {
            var coefficients = new JsonObject();
            foreach (var p in byFactor) coefficients[p.Key] = p.ByHand;
            groups.Add(new JsonObject
            {
                ["factors"] = new JsonArray(byFactor.Key),
                ["theta"] = new JsonArray([.. byFactor.First().Theta.Split(' ').Select(t => (JsonNode)JsonValue.Create(t)!)]),
                ["coefficients"] = coefficients,
            });
        }
        var (byHand, allSizes) = TemplateCatalog.Read(model, new JsonObject { ["allSizes"] = true, ["groups"] = groups }.ToJsonString());
        Assert.True(allSizes);
        var result = TemplateKernel.Check(model, byHand);
        Assert.True(result.Accepted, $"the paper's coefficients for {spec}: {string.Join("; ", result.Problems)}");

        var tool = TemplateCatalog.Genuine(spec);
        var zero = new ZeroTest(model.Template!.Assumptions);
        foreach (var group in byHand.Groups)
        {
            var theirs = tool.Groups.Single(g => g.Factors.SequenceEqual(group.Factors));
            Assert.Equal(group.Theta.Order(), theirs.Theta.Order());
            Assert.Equal(group.Coefficients.Keys.Select(k => k.ToString()).Order(), theirs.Coefficients.Keys.Select(k => k.ToString()).Order());
            foreach (var (key, mine) in group.Coefficients)
            {
                var tools = theirs.Coefficients[key];
                Assert.True(mine.Equals(tools) || zero.Prove(mine - tools), $"{spec}: β[{key}] by hand is {mine}, the tool's is {tools}");
            }
        }
    }

    // The same coefficients through the engine's concrete certificate: its value for each element is the
    // template at that element's indices (the lifting rebuilt every element exactly).
    [Theory]
    [MemberData(nameof(Specs))]
    public void The_template_instantiated_at_the_declared_sizes_is_the_concrete_certificate(string spec)
    {
        var check = TemplateCatalog.Check(spec);
        var concrete = check.Result.Certificate!;
        var model = check.Model;
        var zero = new ZeroTest(model.Assumptions);
        foreach (var group in TemplateCatalog.Genuine(spec).Groups)
        {
            var elements = concrete.Groups.Single(g => g.Factors.SequenceEqual(group.Factors));
            foreach (var (key, template) in group.Coefficients)
            {
                var k = (Symbol)key;
                if (model.Parameter(k.Name).Domain == CriterionCheck.Families.ParameterDomain.Simplex) continue; // α is in closed form, not lifted
                foreach (var element in model.Parameter(k.Name).FreeElements)
                {
                    var instance = k.Indices.IsEmpty ? template
                        : Substitution.Substitute(template, k.Indices.Select((n, i) => (n, i)).ToDictionary(p => p.n, p => element.Indices[p.i]));
                    var expected = elements.Coefficients.GetValueOrDefault(element, Number.Zero);
                    Assert.True(instance.Equals(expected) || zero.Prove(instance - expected), $"{spec}: {element}: template gives {instance}, concrete {expected}");
                }
            }
        }
    }
}
