using CriterionCheck.Models;
using CriterionCheck.Symbolics.Core;
using CriterionCheck.Symbolics.Evaluation;

namespace CriterionCheck.Tests.Models;

/// <summary>The complete example in README's "Spec files" section is a valid spec, so the documentation cannot drift.</summary>
public class ReadmeExampleTests
{
    [Fact]
    public void Readme_spec_example_parses_and_means_what_it_says()
    {
        var readme = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "README.md")).Replace("\r\n", "\n");
        var section = readme[readme.IndexOf("## Spec files", StringComparison.Ordinal)..];
        var start = section.IndexOf("```\n", StringComparison.Ordinal) + 4;
        var example = section[start..section.IndexOf("```", start, StringComparison.Ordinal)];

        var model = ModelLoader.FromText("README.md", example);
        Assert.Equal("HalfNormal Normal", string.Join(" ", model.Factors.Select(f => f.Family.Name)));
        Assert.Equal("f[1](z; w)/sigma2", model.Observable.Elements[0].NaturalParameters[0].ToString());
        // The declared half-normal's derived entropy is the textbook ½·log(π·e·scale/2).
        var halfNormal = model.Factors[0].Family;
        var entropy = Evaluator.Evaluate(halfNormal.Entropy!, new Dictionary<Expr, double> { [Symbol.Of("scale")] = 2.3 });
        Assert.Equal(0.5 * Math.Log(Math.PI * Math.E * 2.3 / 2), entropy, 12);
    }
}
