using System.Diagnostics.CodeAnalysis;

// Components/Shared is the Blazor convention's folder for components used by many pages, and its namespace follows the
// folder. "Shared" is a keyword only in Visual Basic, which never calls this code.
[assembly: SuppressMessage("Naming", "CA1716:Identifiers should not match keywords",
    Scope = "namespace", Target = "~N:WazzupAdmin.Components.Shared",
    Justification = "Blazor's folder convention; no Visual Basic caller")]
