"""Privacy: retention and erasure, the audit log, the citizen's access export."""
