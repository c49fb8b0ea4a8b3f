"""Static pitfalls of student Python, shared by the debug and code-review agents without either importing the
other (like `knowledge`, this package imports no agent): AST helpers (ast_tools), silent bugs in programs that
run (silent, values, flow, logic). Every detector reads the source and its tree; none runs the code."""
