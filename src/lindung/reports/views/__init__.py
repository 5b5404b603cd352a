"""Views of the reports app: public pages, officers' pages, cases."""
