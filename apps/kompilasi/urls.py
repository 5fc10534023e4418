from django.urls import path

from apps.kompilasi import views

app_name = "kompilasi"
urlpatterns = [
    path("", views.daftar, name="daftar"),
    path("unduh/<str:jenis>/", views.unduh, name="unduh"),
    path("unduhan/<uuid:pk>/", views.unduhan, name="unduhan"),
    path("unduhan/<uuid:pk>/berkas/", views.unduhan_berkas, name="unduhan_berkas"),
]
