using System.Text;

namespace CriterionCheck.Cli.Templates;

/// <summary>
/// The commented starting specs that <c>criterion-check new</c> prints: a prior family, an observable
/// family, scalars or plates. Every combination is a valid spec whose <c>expect</c> line is the true
/// verdict; the closing comment says why, with the coefficients α and β worked out by hand (the tests
/// check each combination's verdict, minimal stationarity set and theorem against the engine).
/// </summary>
public static class SpecTemplate
{
    /// <summary>The prior families a template can start from, in the order help lists them.</summary>
    public static IReadOnlyList<string> Priors { get; } = ["Normal", "Bernoulli", "Laplace", "Gamma", "Categorical"];

    /// <summary>The observable families a template can start from.</summary>
    public static IReadOnlyList<string> Observables { get; } = ["Normal", "Bernoulli", "Poisson"];

    /// <summary>The family named <paramref name="name"/> among <paramref name="families"/>, ignoring case; null when none.</summary>
    public static string? Find(IReadOnlyList<string> families, string name) =>
        families.FirstOrDefault(f => string.Equals(f, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>The parameters the verdict needs stationarity in, as <c>check</c> should report them (worked out by hand).</summary>
    public static IReadOnlyList<string> StationaryIn(string prior, string observable, bool plates)
    {
        var p = PriorOf(prior, plates);
        return [.. p.Stationary, .. ObservableOf(observable, p.Categorical, plates).Stationary];
    }

    /// <summary>The theorem that applies: 2 when a base measure is not constant (a Poisson observable), else 1.</summary>
    public static int Theorem(string observable) => observable == "Poisson" ? 2 : 1;

    /// <summary>The spec text for the given families (canonical names from <see cref="Priors"/> and <see cref="Observables"/>).</summary>
    public static string Render(string prior, string observable, bool plates)
    {
        var p = PriorOf(prior, plates);
        var o = ObservableOf(observable, p.Categorical, plates);
        var s = new StringBuilder();
        Comment(s, $"A starting spec from `criterion-check new --prior {prior} --observable {observable}{(plates ? " --plates" : "")}`. " +
            "Check it with `criterion-check check FILE`. Everything after # on a line is a comment.");
        s.Append('\n');
        Comment(s, "The model's title, used by reports and proofs.");
        s.Append($"model \"{prior} prior, {observable} observable\"\n\n");
        var dims = (p.Categorical, plates) switch
        {
            (true, true) => ("C = 3, D = 3", "C mixture components, D observed coordinates"),
            (true, false) => ("C = 3", "C mixture components"),
            (false, true) => ("H = 2, D = 3", "H latent variables, D observed coordinates"),
            _ => ((string, string)?)null,
        };
        if (dims is var (sizes, meaning))
        {
            Comment(s, $"Sizes: {meaning}. Change them here, or for one run with --dims, e.g. --dims {(p.Categorical ? "C=10" : "H=20")}{(plates ? ",D=784" : "")}.");
            s.Append($"dims {sizes}\n\n");
        }
        else
        {
            Comment(s, "Every variable and parameter here is a scalar; `criterion-check new --plates` gives vectors.");
            s.Append('\n');
        }
        Comment(s, "Parameters: a name, a shape in sizes (none for a scalar) and a domain: real, positive, unit (between 0 and 1), simplex (positive weights summing to 1) or posdef.");
        var parameters = p.Parameters.Concat(o.Parameters).ToList();
        var nameWidth = parameters.Max(x => x.Name.Length);
        var domainWidth = parameters.Max(x => x.Domain.Length);
        foreach (var (name, domain, comment) in parameters)
            s.Append($"param {name.PadRight(nameWidth)} {domain.PadRight(domainWidth)}  # {comment}\n");
        s.Append('\n');
        Comment(s, p.Comment);
        s.Append($"latent  {p.Statement}\n\n");
        Comment(s, o.Comment);
        s.Append($"observe {o.Statement}\n\n");
        var stationary = string.Join(", ", StationaryIn(prior, observable, plates));
        Comment(s, "The claim that `check` tests: it exits 1 when the verdict differs. Here the criterion holds, " +
            $"because coefficients reproduce every natural parameter: for the prior {p.Why}, and for the observable {o.Why}. " +
            (Theorem(observable) == 1
                ? $"So wherever the ELBO is stationary in {stationary}, it equals a sum of entropies (Theorem{Glue}1)."
                : $"A Poisson's base measure 1/x! is not constant, so Theorem{Glue}2 applies: wherever the ELBO is stationary in {stationary}, it equals a sum of pseudo-entropies plus a base-measure term."));
        s.Append("expect satisfied\n");
        return s.ToString();
    }

    // One factor's share of a template: its parameters (name, domain, comment), the comment above its
    // statement, the statement, why its coefficients exist, and its part of the minimal stationarity set.
    private sealed record Part(
        IReadOnlyList<(string Name, string Domain, string Comment)> Parameters,
        string Comment, string Statement, string Why, IReadOnlyList<string> Stationary, bool Categorical = false);

    /// <summary>Comment lines are wrapped here so that a template reads well in an 80-column editor.</summary>
    public const int Width = 80;

    // Joins words that should not be split across comment lines, such as "(w, mu)".
    private const char Glue = '\u00A0';

    private static void Comment(StringBuilder s, string text)
    {
        var line = new StringBuilder("#");
        foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (line.Length > 1 && line.Length + 1 + word.Length > Width)
            {
                s.Append(line).Append('\n');
                line.Clear().Append('#');
            }
            line.Append(' ').Append(word.Replace(Glue, ' '));
        }
        s.Append(line).Append('\n');
    }

    private static Part PriorOf(string family, bool plates)
    {
        // With plates: H independent latents z[h]; without: one scalar latent z.
        var (z, index, shape) = plates ? ("z[h in H]", "[h]", "[H]") : ("z", "", "");
        var plate = plates ? " \"h in H\" makes a plate: H independent latents z[1], ..., z[H]." : "";
        return family switch
        {
            "Normal" => new([($"lambda{shape}", "positive", plates ? "the prior variances, one per latent" : "the prior variance")],
                $"The prior: Normal with mean 0 and a learned variance.{plate}",
                $"{z} ~ Normal(0, lambda{index})", "alpha = -lambda", ["lambda"]),
            "Bernoulli" => new([($"pi{shape}", "unit", plates ? "the probability that each latent is 1" : "the probability that the latent is 1")],
                $"The prior: binary latents, 1 with probability pi.{plate}",
                $"{z} ~ Bernoulli(pi{index})", "alpha = pi*(1 - pi)*logit(pi)", ["pi"]),
            "Laplace" => new([($"b{shape}", "positive", plates ? "the prior scales, one per latent" : "the prior scale")],
                $"The prior: Laplace with location 0 and a learned scale (sparse latents).{plate}",
                $"{z} ~ Laplace(b{index})", "alpha = -b", ["b"]),
            "Gamma" => new([($"a{shape}", "positive", plates ? "the prior shapes" : "the prior shape"), ($"b{shape}", "positive", plates ? "the prior rates" : "the prior rate")],
                $"The prior: positive latents, Gamma with learned shape and rate.{plate}",
                $"{z} ~ Gamma(a{index}, b{index})", $"alpha = (a{Glue}-{Glue}1,{Glue}b)", ["a", "b"]),
            "Categorical" => new([("pi[C]", "simplex", "the mixing weights")],
                "The prior: a mixture component c, one of 1..C, drawn with probabilities pi.",
                "c ~ Categorical(pi)", "alpha[i] = pi[i]*(log(pi[i]) + H[pi]), with H[pi] the entropy of pi", ["pi"], Categorical: true),
            _ => throw new ArgumentOutOfRangeException(nameof(family), family, "not a template prior"),
        };
    }

    private static Part ObservableOf(string family, bool categorical, bool plates)
    {
        var x = plates ? "x[d in D]" : "x";
        var plate = plates ? " \"d in D\" makes D coordinates x[d], independent given the latents." : "";
        if (categorical)
        {
            // A mixture: each component c has its own parameters, indexed by c.
            var (shape, at) = plates ? ("[C, D]", "[c, d]") : ("[C]", "[c]");
            return family switch
            {
                "Normal" => new([($"mu{shape}", "real", "the component means"), ("sigma2", "positive", "the noise variance, shared")],
                    $"The observable: Normal around the mean of component c, with a learned variance.{plate}",
                    $"{x} ~ Normal(mu{at}, sigma2)", "beta = -sigma2, whatever the means", ["sigma2"]),
                "Bernoulli" => new([($"p{shape}", "unit", "each component's probabilities of a 1")],
                    $"The observable: binary data, 1 with component c's probability.{plate}",
                    $"{x} ~ Bernoulli(p{at})", "beta = p*(1 - p)*logit(p)", ["p"]),
                "Poisson" => new([($"lambda{shape}", "positive", "each component's rates")],
                    $"The observable: counts with component c's rate.{plate}",
                    $"{x} ~ Poisson(lambda{at})", "beta = lambda*log(lambda)", ["lambda"]),
                _ => throw new ArgumentOutOfRangeException(nameof(family), family, "not a template observable"),
            };
        }
        // Continuous or binary latents: a linear function of them, through the family's link.
        var (w, mu, linear) = plates
            ? ("W[D, H]", "mu[D]", "sum(h in H, W[d, h] * z[h]) + mu[d]")
            : ("w", "mu", "w * z + mu");
        var weights = plates ? "W" : "w";
        var parameters = new List<(string, string, string)>
        {
            (w, "real", plates ? "weights from the latents to the coordinates" : "the weight of the latent"),
            (mu, "real", plates ? "offsets, one per coordinate" : "the offset"),
        };
        var sum = plates ? " sum(h in H, ...) adds over the latents." : "";
        return family switch
        {
            "Normal" => new([.. parameters, ("sigma2", "positive", plates ? "the noise variance, shared by the coordinates" : "the noise variance")],
                $"The observable: Normal around a linear function of the latents, with a learned variance.{plate}{sum}",
                $"{x} ~ Normal({linear}, sigma2)", "beta = -sigma2, whatever the mean", ["sigma2"]),
            "Bernoulli" => new(parameters,
                $"The observable: binary data, 1 with probability sigmoid of a linear function.{plate}{sum}",
                $"{x} ~ Bernoulli(sigmoid({linear}))", $"beta = ({weights},{Glue}mu), since the logit is linear in them", [weights, "mu"]),
            "Poisson" => new(parameters,
                $"The observable: counts whose rate is exp of a linear function.{plate}{sum}",
                $"{x} ~ Poisson(exp({linear}))", $"beta = ({weights},{Glue}mu), since the log-rate is linear in them", [weights, "mu"]),
            _ => throw new ArgumentOutOfRangeException(nameof(family), family, "not a template observable"),
        };
    }
}
