"""One of each UI tool: the desk-call runner, the table model, the print helper, the editors."""
