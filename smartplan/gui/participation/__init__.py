"""The participation panel's tabs (mixins of :class:`smartplan.gui.feedback_panel.FeedbackPanel`)."""
