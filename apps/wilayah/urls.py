from django.urls import path

from apps.wilayah import views

app_name = "wilayah"
urlpatterns = [
    path("", views.daftar, name="daftar"),
    path("<str:kode>/", views.detail, name="detail"),
]
