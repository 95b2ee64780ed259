# Helper that raises at load time
raise ArgumentError, "raised while loading"
