
end
return __results(pcall(__body))
