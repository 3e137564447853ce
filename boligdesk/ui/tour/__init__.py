"""The first-run tour: four panels over the real window (search, the case, the budget, printing)."""

from boligdesk.ui.tour.tour import Tour, add_tour_actions, start_tour

__all__ = ["Tour", "add_tour_actions", "start_tour"]
