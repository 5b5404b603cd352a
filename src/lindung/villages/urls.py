from django.urls import path

from lindung.villages.views import census, cooperative, imports, indicators, pillars, programme

app_name = "villages"
urlpatterns = [
    path("", programme.home, name="home"),
    path("new/", programme.village_create, name="create"),
    path("indicators/", indicators.indicators, name="indicators"),
    path("<uuid:village_id>/", programme.village_detail, name="detail"),
    path("<uuid:village_id>/edit/", programme.village_edit, name="edit"),
    path("<uuid:village_id>/report.pdf", programme.village_report, name="report"),
    # pillar 1: census and migration services
    path("<uuid:village_id>/households/", census.household_list, name="households"),
    path("<uuid:village_id>/households/new/", census.household_create, name="household_create"),
    path("households/<uuid:household_id>/", census.household_detail, name="household"),
    path("households/<uuid:household_id>/members/new/", census.member_add, name="member_add"),
    path("people/<uuid:person_id>/abroad/new/", census.stay_create, name="stay_create"),
    path("stays/<uuid:stay_id>/return/", census.stay_return, name="stay_return"),
    path("children/<uuid:child_id>/card/", census.child_card, name="child_card"),
    path("children/<uuid:child_id>/enrol/", census.child_enrol, name="child_enrol"),
    path("children/<uuid:child_id>/school/", census.child_school, name="child_school"),
    path("<uuid:village_id>/services/", census.service_log, name="services"),
    path("<uuid:village_id>/imports/", imports.import_list, name="imports"),
    path("imports/template.xlsx", imports.import_template, name="import_template"),
    path("imports/<uuid:import_id>/", imports.import_detail, name="import"),
    path("imports/<uuid:import_id>/errors.xlsx", imports.import_errors, name="import_errors"),
    # pillar 2: productive business
    path("<uuid:village_id>/businesses/", pillars.business_list, name="businesses"),
    path("businesses/<uuid:group_id>/", pillars.business_detail, name="business"),
    path("<uuid:village_id>/trainings/", pillars.training_list, name="trainings"),
    path("trainings/<uuid:training_id>/", pillars.training_detail, name="training"),
    # pillar 3: community parenting
    path("<uuid:village_id>/parenting/", pillars.parenting, name="parenting"),
    path("activities/<uuid:activity_id>/", pillars.activity_detail, name="activity"),
    # pillar 4: cooperative and remittances
    path("<uuid:village_id>/cooperative/", cooperative.cooperative_home, name="cooperative"),
    path("members/<uuid:member_id>/", cooperative.member_detail, name="member"),
    path("members/<uuid:member_id>/statement.pdf", cooperative.member_statement,
         name="member_statement"),
    path("loans/<uuid:loan_id>/", cooperative.loan_detail, name="loan"),
    path("cooperatives/<uuid:cooperative_id>/ledger/", cooperative.ledger, name="ledger"),
    path("entries/<uuid:entry_id>/", cooperative.entry_detail, name="entry"),
    path("<uuid:village_id>/remittances/", cooperative.remittance_list, name="remittances"),
    path("remittances/<uuid:remittance_id>/", cooperative.remittance_detail, name="remittance"),
]
