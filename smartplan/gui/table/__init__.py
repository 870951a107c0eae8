"""The planning table's views, one per part of the screen (mixins of
:class:`smartplan.gui.table_mode.TableMode`)."""
