"""Views of the LTSA module: public pages (:mod:`.public`), the application files worked by
the desks (:mod:`.files`), reference data, complaints and figures (:mod:`.manage`)."""
