using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace WazzupAdmin.Data;

/// <summary>
/// A query compiled once for each model it runs on. EF Core binds a compiled query to the first model it meets and
/// refuses any other, while one process may hold the store on SQLite and on PostgreSQL at once (the tests do).
/// </summary>
/// <typeparam name="TQuery">The delegate EF.CompileAsyncQuery returns.</typeparam>
internal sealed class CompiledQuery<TQuery>(Func<TQuery> compile)
    where TQuery : class
{
    private readonly ConditionalWeakTable<IModel, TQuery> byModel = [];

    /// <summary>The query compiled for the model of this context.</summary>
    public TQuery For(DbContext db)
    {
        ArgumentNullException.ThrowIfNull(db);
        return byModel.GetValue(db.Model, _ => compile());
    }
}
