"""The figures: indicators, their trajectory over the plan, the units' reports received, the
workforce by sex."""
