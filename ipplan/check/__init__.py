"""`ipplan check`: findings about a parsed plan, as text, JSON or SARIF.

Kept light (no typer, no rich) because the parser's last stage imports the rule
catalogue and the model-level lint rules from here.
"""
